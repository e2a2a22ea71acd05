namespace IntegrationHub.Host.Dashboard.Pages;

/// <summary>Shown when the signed-in key's role or scopes do not allow a page (status 403).</summary>
[DashboardAuthorize(IntegrationHub.Host.Security.HubPolicies.Reader)]
public sealed class DeniedModel : DashboardPage
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
