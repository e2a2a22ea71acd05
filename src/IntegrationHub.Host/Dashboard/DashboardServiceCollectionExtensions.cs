using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using IntegrationHub.Host.Security;
using IntegrationHub.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.WebEncoders;

namespace IntegrationHub.Host.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// The dashboard: Razor Pages under Dashboard/Pages, its session cookie (HTTP-only, SameSite=Strict, Secure over
    /// HTTPS) and the default connector health source. Call after <see cref="SecurityServiceCollectionExtensions.AddHubSecurity"/>.
    /// </summary>
    public static IServiceCollection AddHubDashboard(this IServiceCollection services)
    {
        // The pages are compiled into this assembly; when another program hosts the hub (tests), it is not the entry
        // assembly that Razor Pages search by default.
        var pages = typeof(DashboardPage).Assembly;
        services.AddRazorPages(options => options.RootDirectory = "/Dashboard/Pages")
            .ConfigureApplicationPartManager(parts =>
            {
                if (parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == pages))
                    return;
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(pages).GetApplicationParts(pages))
                    parts.ApplicationParts.Add(part);
            });
        // Chinese text as characters, not &#x…; entities: the pages are UTF-8 and readable in "view source".
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "hub-antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthentication().AddCookie(DashboardAuthentication.Scheme, options =>
        {
            options.Cookie.Name = DashboardAuthentication.CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = DashboardAuthentication.SignInPath;
            options.AccessDeniedPath = DashboardAuthentication.DeniedPath;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events = new CookieAuthenticationEvents { OnValidatePrincipal = RejectRevokedKeyAsync };
        });
        return services;
    }

    public static WebApplication MapHubDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        return app;
    }

    // A session lives no longer than its key: revoked or expired keys end their sessions at the next request.
    private static async Task RejectRevokedKeyAsync(CookieValidatePrincipalContext context)
    {
        var hash = context.Principal?.FindFirstValue(DashboardAuthentication.KeyHashClaim);
        var store = context.HttpContext.RequestServices.GetRequiredService<IApiKeyStore>();
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var key = hash is null ? null : await store.FindApiKeyAsync(hash, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (key is null || key.ExpiresAt <= clock.GetUtcNow())
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(DashboardAuthentication.Scheme).ConfigureAwait(false);
        }
    }
}
