using IntegrationHub.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;

namespace IntegrationHub.Host.Dashboard.Pages;

/// <summary>Sign-in: a pasted API key, checked like a bearer key, becomes the session cookie.</summary>
public sealed class SignInModel(ApiKeyValidator validator) : DashboardPage
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Failure { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? key, CancellationToken ct)
    {
        var (stored, failure) = await validator.ValidateAsync(key, ct).ConfigureAwait(false);
        if (stored is null)
        {
            Failure = failure;
            return Page();
        }

        var principal = ApiKeyValidator.Principal(stored, DashboardAuthentication.Scheme);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(DashboardAuthentication.KeyHashClaim, ApiKeys.Hash(key!.Trim())));
        await HttpContext.SignInAsync(DashboardAuthentication.Scheme, principal).ConfigureAwait(false);
        // Keys without the operator role cannot see the overview; their start page is the indicators.
        var start = stored.Role is HubRoles.Administrator or HubRoles.Operator ? "/" : "/indicators";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl : start);
    }
}
