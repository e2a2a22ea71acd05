using Dapper;
using IntegrationHub.Store.Sql;

namespace IntegrationHub.Store.Leases;

/// <summary>
/// Leases in the <c>leases</c> table, one SQL text for both stores. Expiry is decided by the clock of the process that
/// asks; clocks should be kept in step (NTP), but correctness does not hang on it: a late holder is fenced by the token.
/// </summary>
public sealed class SqlLeases(StoreDialect dialect, TimeProvider clock) : ILeases
{
    public async Task<Lease?> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expires = now + duration;
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        var token = await dialect.ExecuteScalarWriteAsync<long?>(connection,
            """
            INSERT INTO leases (name, holder, token, acquired_at, expires_at) VALUES (@name, @holder, 1, @now, @expires)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, token = leases.token + 1, acquired_at = excluded.acquired_at,
                expires_at = excluded.expires_at
            WHERE leases.expires_at <= excluded.acquired_at
            RETURNING token
            """, new { name, holder, now = now.ToUnixTimeMilliseconds(), expires = expires.ToUnixTimeMilliseconds() }, ct).ConfigureAwait(false);
        return token is { } t ? new Lease(name, holder, t, expires) : null;
    }

    public async Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var expires = clock.GetUtcNow() + duration;
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        var renewed = await dialect.ExecuteWriteAsync(connection,
            "UPDATE leases SET expires_at = @expires WHERE name = @name AND holder = @holder AND token = @token",
            new { expires = expires.ToUnixTimeMilliseconds(), name = lease.Name, holder = lease.Holder, token = lease.Token }, ct).ConfigureAwait(false);
        return renewed == 1 ? lease with { ExpiresAt = expires } : null;
    }

    public async Task ReleaseAsync(Lease lease, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await dialect.ExecuteWriteAsync(connection,
            "UPDATE leases SET expires_at = 0 WHERE name = @name AND holder = @holder AND token = @token",
            new { name = lease.Name, holder = lease.Holder, token = lease.Token }, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Lease>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Name, string Holder, long Token, long ExpiresAt)>(new CommandDefinition(
            "SELECT name, holder, token, expires_at FROM leases ORDER BY name", cancellationToken: ct)).ConfigureAwait(false);
        return [.. rows.Select(r => new Lease(r.Name, r.Holder, r.Token, DateTimeOffset.FromUnixTimeMilliseconds(r.ExpiresAt)))];
    }
}
