using System.Security.Claims;
using System.Text.Encodings.Web;
using IntegrationHub.Store;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer hub_…</c> against the store's key hashes. Only the header counts: a key in
/// a query string ends up in proxy logs and browser history. Keys are never logged, only their id or prefix.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ISupervisionStore store)
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

        var key = header[BearerPrefix.Length..].Trim();
        if (!ApiKeys.IsWellFormed(key))
        {
            LogMalformedKey(Logger);
            return AuthenticateResult.Fail("The bearer token is not a hub API key.");
        }

        var stored = await store.FindApiKeyAsync(ApiKeys.Hash(key), Context.RequestAborted).ConfigureAwait(false);
        if (stored is null)
        {
            LogUnknownKey(Logger, ApiKeys.Prefix(key));
            return AuthenticateResult.Fail("The API key is unknown or has been revoked.");
        }

        if (stored.ExpiresAt is { } expiresAt && expiresAt <= TimeProvider.GetUtcNow())
        {
            LogExpiredKey(Logger, stored.Id, expiresAt);
            return AuthenticateResult.Fail("The API key has expired.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, stored.Id),
            new(ClaimTypes.Name, stored.Name),
            new(ClaimTypes.Role, stored.Role),
            new(HubClaimTypes.KeyPrefix, stored.Prefix),
        };
        claims.AddRange(stored.Scopes.Select(scope => new Claim(HubClaimTypes.Scope, scope)));
        if (stored.SubscriptionId is { } subscriptionId)
            claims.Add(new Claim(HubClaimTypes.Subscription, subscriptionId));
        if (stored.Department is { } department)
            claims.Add(new Claim(HubClaimTypes.Department, department));

        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected a bearer token that is not a hub API key.")]
    private static partial void LogMalformedKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected unknown API key {KeyPrefix}…")]
    private static partial void LogUnknownKey(ILogger logger, string keyPrefix);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected API key {KeyId}: expired at {ExpiresAt}.")]
    private static partial void LogExpiredKey(ILogger logger, string keyId, DateTimeOffset expiresAt);
}
