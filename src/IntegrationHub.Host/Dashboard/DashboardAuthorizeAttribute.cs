using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Host.Dashboard;

/// <summary>A dashboard page requires one of the API's policies, met by the dashboard's session cookie.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class DashboardAuthorizeAttribute : AuthorizeAttribute
{
    public DashboardAuthorizeAttribute(string policy)
        : base(policy)
    {
        AuthenticationSchemes = DashboardAuthentication.Scheme;
    }
}
