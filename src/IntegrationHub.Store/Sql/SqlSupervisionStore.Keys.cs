using Dapper;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    private const string KeyColumns =
        "id AS Id, name AS Name, role AS Role, scopes AS Scopes, prefix AS Prefix, created_at AS CreatedAt, " +
        "expires_at AS ExpiresAt, last_used_at AS LastUsedAt, subscription_id AS SubscriptionId, department AS Department, " +
        "revoked_at AS RevokedAt";

    public async Task CreateApiKeyAsync(ApiKey key, string keyHash, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await dialect.ExecuteWriteAsync(connection,
            """
            INSERT INTO api_keys (id, name, role, scopes, key_hash, prefix, created_at, expires_at, subscription_id, department)
            VALUES (@Id, @Name, @Role, @scopes, @keyHash, @Prefix, @createdAt, @expiresAt, @SubscriptionId, @Department)
            """,
            new
            {
                key.Id,
                key.Name,
                key.Role,
                scopes = string.Join(' ', key.Scopes),
                keyHash,
                key.Prefix,
                createdAt = key.CreatedAt.ToUnixTimeMilliseconds(),
                expiresAt = key.ExpiresAt?.ToUnixTimeMilliseconds(),
                key.SubscriptionId,
                key.Department,
            }, ct).ConfigureAwait(false);
    }

    public async Task<ApiKey?> FindApiKeyAsync(string keyHash, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            $"SELECT {KeyColumns} FROM api_keys WHERE key_hash = @keyHash AND revoked_at IS NULL",
            new { keyHash }, cancellationToken: ct)).ConfigureAwait(false);
        if (row is null)
            return null;
        var now = Now;
        // Last use is kept to the minute: a write per request would make every read a write.
        if (row.LastUsedAt is null || now - row.LastUsedAt > 60_000)
        {
            await dialect.ExecuteWriteAsync(connection,
                "UPDATE api_keys SET last_used_at = @now WHERE id = @id", new { now, id = row.Id }, ct).ConfigureAwait(false);
        }

        return row.ToKey();
    }

    public async Task<bool> AnyApiKeyWithRoleAsync(string role, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM api_keys WHERE role = @role AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)",
            new { role, now = Now }, cancellationToken: ct)).ConfigureAwait(false) > 0;
    }

    public async Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string? subscriptionId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            $"SELECT {KeyColumns} FROM api_keys WHERE (@subscriptionId IS NULL OR subscription_id = @subscriptionId) ORDER BY created_at, id",
            new { subscriptionId }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToKey()).ToList();
    }

    public async Task<ApiKey?> GetApiKeyAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            $"SELECT {KeyColumns} FROM api_keys WHERE id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToKey();
    }

    public async Task<bool> RevokeApiKeyAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await dialect.ExecuteWriteAsync(connection,
            "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL",
            new { id, now = Now }, ct).ConfigureAwait(false) > 0;
    }

    private sealed record KeyRow
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public string Scopes { get; init; } = "";
        public string Prefix { get; init; } = "";
        public long CreatedAt { get; init; }
        public long? ExpiresAt { get; init; }
        public long? LastUsedAt { get; init; }
        public string? SubscriptionId { get; init; }
        public string? Department { get; init; }
        public long? RevokedAt { get; init; }

        public ApiKey ToKey() => new()
        {
            Id = Id,
            Name = Name,
            Role = Role,
            Scopes = Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Prefix = Prefix,
            CreatedAt = At(CreatedAt),
            ExpiresAt = At(ExpiresAt),
            LastUsedAt = At(LastUsedAt),
            SubscriptionId = SubscriptionId,
            Department = Department,
            RevokedAt = At(RevokedAt),
        };
    }
}
