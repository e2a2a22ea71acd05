using System.Security.Cryptography;

namespace IntegrationHub.Host.Security;

/// <summary>
/// Headers on every answer that keep the dashboard from being framed (clickjacking) or made to run anything but its
/// own markup: a Content-Security-Policy that allows no script at all, styles only from the page's own nonce-marked
/// <c>&lt;style&gt;</c>, forms only back to the hub, and no framing (<c>frame-ancestors 'none'</c>, and
/// <c>X-Frame-Options</c> for older browsers). The API's JSON gets the same headers; they cost nothing there.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceItem = "hub.csp-nonce";

    public static IApplicationBuilder UseHubSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((context, next) =>
        {
            // Hex: nothing in it that HTML encoding would change (base64's + is written &#x2B; in an attribute).
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceItem] = nonce;
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                $"default-src 'none'; style-src 'nonce-{nonce}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return next(context);
        });
    }

    /// <summary>The nonce the Content-Security-Policy of this answer allows a <c>&lt;style&gt;</c> element to carry.</summary>
    public static string CspNonce(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[NonceItem] as string
            ?? throw new InvalidOperationException("UseHubSecurityHeaders must run before the dashboard's pages.");
    }
}
