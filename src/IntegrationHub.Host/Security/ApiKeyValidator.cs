using System.Security.Claims;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Security;

/// <summary>
/// Checks a presented API key against the store's key hashes (shape, known and not revoked, not expired) and turns a
/// valid key into the claims the authorization policies read. The API's bearer handler and the dashboard's sign-in
/// both use it, so a key means the same in both. Keys are never logged, only their id or prefix.
/// </summary>
public sealed partial class ApiKeyValidator(IApiKeyStore store, TimeProvider clock, ILogger<ApiKeyValidator> logger)
{
    /// <summary>The stored key, or null and why the key was refused.</summary>
    public async Task<(ApiKey? Key, string? Failure)> ValidateAsync(string? key, CancellationToken ct)
    {
        key = key?.Trim();
        if (!ApiKeys.IsWellFormed(key))
        {
            LogMalformedKey(logger);
            return (null, "The bearer token is not a hub API key.");
        }

        var stored = await store.FindApiKeyAsync(ApiKeys.Hash(key!), ct).ConfigureAwait(false);
        if (stored is null)
        {
            LogUnknownKey(logger, ApiKeys.Prefix(key!));
            return (null, "The API key is unknown or has been revoked.");
        }

        if (stored.ExpiresAt is { } expiresAt && expiresAt <= clock.GetUtcNow())
        {
            LogExpiredKey(logger, stored.Id, expiresAt);
            return (null, "The API key has expired.");
        }

        return (stored, null);
    }

    /// <summary>The principal of a valid key: key id, name, role, prefix, one claim per scope, its subscription or department.</summary>
    public static ClaimsPrincipal Principal(ApiKey key, string scheme)
    {
        ArgumentNullException.ThrowIfNull(key);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, key.Role),
            new(HubClaimTypes.KeyPrefix, key.Prefix),
        };
        claims.AddRange(key.Scopes.Select(scope => new Claim(HubClaimTypes.Scope, scope)));
        if (key.SubscriptionId is { } subscriptionId)
            claims.Add(new Claim(HubClaimTypes.Subscription, subscriptionId));
        if (key.Department is { } department)
            claims.Add(new Claim(HubClaimTypes.Department, department));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected a token that is not a hub API key.")]
    private static partial void LogMalformedKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected unknown API key {KeyPrefix}…")]
    private static partial void LogUnknownKey(ILogger logger, string keyPrefix);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected API key {KeyId}: expired at {ExpiresAt}.")]
    private static partial void LogExpiredKey(ILogger logger, string keyId, DateTimeOffset expiresAt);
}
