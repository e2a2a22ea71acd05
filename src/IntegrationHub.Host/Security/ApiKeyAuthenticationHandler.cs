using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer hub_…</c> against the store's key hashes. Only the header counts: a key in
/// a query string ends up in proxy logs and browser history. The key itself is checked by <see cref="ApiKeyValidator"/>.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
            return AuthenticateResult.NoResult();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The Authorization header must use the Bearer scheme.");

        var (stored, failure) = await validator.ValidateAsync(header[BearerPrefix.Length..], Context.RequestAborted).ConfigureAwait(false);
        return stored is null
            ? AuthenticateResult.Fail(failure!)
            : AuthenticateResult.Success(new AuthenticationTicket(ApiKeyValidator.Principal(stored, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var detail = result.Failure?.Message
            ?? "Send an API key as \"Authorization: Bearer hub_…\"; the administrator key is in admin.key in the data directory.";

        Response.Headers.WWWAuthenticate = result.Failure is null
            ? "Bearer"
            : "Bearer error=\"invalid_token\"";
        await TypedResults.Problem(
                detail: detail,
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Authentication required",
                type: "https://tools.ietf.org/html/rfc9110#section-15.5.2",
                extensions: new Dictionary<string, object?> { ["parameter"] = "Authorization", ["rule"] = "api-key.bearer" })
            .ExecuteAsync(Context)
            .ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirst(ClaimTypes.Role)?.Value;
        var scopes = Context.User.FindAll(HubClaimTypes.Scope).Select(c => c.Value).ToList();
        await TypedResults.Problem(
                detail: "The API key's role or scopes do not allow this request.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden",
                type: "https://tools.ietf.org/html/rfc9110#section-15.5.4",
                extensions: new Dictionary<string, object?> { ["role"] = role, ["scopes"] = scopes, ["rule"] = "api-key.permission" })
            .ExecuteAsync(Context)
            .ConfigureAwait(false);
    }
}
