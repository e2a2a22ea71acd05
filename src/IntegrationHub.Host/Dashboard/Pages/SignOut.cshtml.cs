using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Host.Dashboard.Pages;

/// <summary>Sign-out (POST only, with the antiforgery token): ends the session cookie.</summary>
[DashboardAuthorize(IntegrationHub.Host.Security.HubPolicies.Reader)]
public sealed class SignOutModel : DashboardPage
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(DashboardAuthentication.Scheme).ConfigureAwait(false);
        return LocalRedirect(DashboardAuthentication.SignInPath);
    }
}
