using Dapper;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    public async Task CreateApiKeyAsync(ApiKey key, string keyHash, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (id, name, role, scopes, key_hash, prefix, created_at, expires_at)
            VALUES (@Id, @Name, @Role, @scopes, @keyHash, @Prefix, @createdAt, @expiresAt)
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
            }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<ApiKey?> FindApiKeyAsync(string keyHash, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            """
            SELECT id AS Id, name AS Name, role AS Role, scopes AS Scopes, prefix AS Prefix, created_at AS CreatedAt,
                   expires_at AS ExpiresAt, last_used_at AS LastUsedAt
            FROM api_keys WHERE key_hash = @keyHash AND revoked_at IS NULL
            """, new { keyHash }, cancellationToken: ct)).ConfigureAwait(false);
        if (row is null)
            return null;
        var now = Now;
        // Last use is kept to the minute: a write per request would make every read a write.
        if (row.LastUsedAt is null || now - row.LastUsedAt > 60_000)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE api_keys SET last_used_at = @now WHERE id = @id", new { now, id = row.Id }, cancellationToken: ct)).ConfigureAwait(false);
        }

        return new ApiKey
        {
            Id = row.Id,
            Name = row.Name,
            Role = row.Role,
            Scopes = row.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Prefix = row.Prefix,
            CreatedAt = At(row.CreatedAt),
            ExpiresAt = At(row.ExpiresAt),
            LastUsedAt = At(row.LastUsedAt),
        };
    }

    public async Task<bool> AnyApiKeyWithRoleAsync(string role, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM api_keys WHERE role = @role AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)",
            new { role, now = Now }, cancellationToken: ct)).ConfigureAwait(false) > 0;
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
    }
}
