using IntegrationHub.Store.Model;

namespace IntegrationHub.Store;

/// <summary>API keys: only their hashes are stored; a key is found by hash, listed, revoked.</summary>
public interface IApiKeyStore
{
    Task CreateApiKeyAsync(ApiKey key, string keyHash, CancellationToken ct);

    Task<ApiKey?> FindApiKeyAsync(string keyHash, CancellationToken ct);

    /// <summary>Whether a usable key (not revoked, not expired) has this role.</summary>
    Task<bool> AnyApiKeyWithRoleAsync(string role, CancellationToken ct);

    /// <summary>Keys, revoked ones included; only those of one subscription when <paramref name="subscriptionId"/> is given.</summary>
    Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string? subscriptionId, CancellationToken ct);

    Task<ApiKey?> GetApiKeyAsync(string id, CancellationToken ct);

    /// <summary>False when there is no such key or it was revoked already.</summary>
    Task<bool> RevokeApiKeyAsync(string id, CancellationToken ct);
}
