using Dapper;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    public async Task<IReadOnlyList<ConnectorRegistration>> ListConnectorRegistrationsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Id, string Definition, long CreatedAt, long UpdatedAt)>(new CommandDefinition(
            "SELECT id, definition, created_at, updated_at FROM connector_registrations ORDER BY id", cancellationToken: ct)).ConfigureAwait(false);
        return [.. rows.Select(r => new ConnectorRegistration(r.Id, r.Definition, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt), DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAt)))];
    }

    public async Task<bool> AddConnectorRegistrationAsync(string id, string definition, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var added = await dialect.ExecuteWriteAsync(connection,
            """
            INSERT INTO connector_registrations (id, definition, created_at, updated_at) VALUES (@id, @definition, @now, @now)
            ON CONFLICT (id) DO NOTHING
            """, new { id, definition, now = Now }, ct).ConfigureAwait(false);
        return added == 1;
    }

    public async Task<bool> UpdateConnectorRegistrationAsync(string id, string definition, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await dialect.ExecuteWriteAsync(connection,
            "UPDATE connector_registrations SET definition = @definition, updated_at = @now WHERE id = @id",
            new { id, definition, now = Now }, ct).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RemoveConnectorRegistrationAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var write = await dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
        var tx = write.Transaction;
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM connector_registrations WHERE id = @id", new { id }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM connector_switches WHERE id = @id", new { id }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return removed == 1;
    }

    public async Task<IReadOnlyDictionary<string, bool>> GetConnectorSwitchesAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Id, long Enabled)>(new CommandDefinition(
            "SELECT id, enabled FROM connector_switches", cancellationToken: ct)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Id, r => r.Enabled != 0, StringComparer.Ordinal);
    }

    public async Task SetConnectorSwitchAsync(string id, bool enabled, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await dialect.ExecuteWriteAsync(connection,
            """
            INSERT INTO connector_switches (id, enabled, updated_at) VALUES (@id, @enabled, @now)
            ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at
            """, new { id, enabled = enabled ? 1 : 0, now = Now }, ct).ConfigureAwait(false);
    }
}
