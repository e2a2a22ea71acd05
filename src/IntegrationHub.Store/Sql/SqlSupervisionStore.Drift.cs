using System.Text.Json;
using Dapper;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    public async Task<IReadOnlyList<string>?> GetSourceFieldsAsync(string connectorId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var fields = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT fields FROM connector_fields WHERE connector_id = @connectorId", new { connectorId }, cancellationToken: ct)).ConfigureAwait(false);
        return fields is null ? null : JsonSerializer.Deserialize<List<string>>(fields, CanonicalJson.Options);
    }

    public async Task SaveSourceFieldsAsync(string connectorId, IReadOnlyCollection<string> fields, SourceDrift? drift, CancellationToken ct)
    {
        var now = Now;
        var fieldsJson = JsonSerializer.Serialize(fields.Order(StringComparer.Ordinal), CanonicalJson.Options);
        var driftJson = drift is null ? null : JsonSerializer.Serialize(drift, CanonicalJson.Options);
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var write = await dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
        var tx = write.Transaction;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO connector_fields (connector_id, fields, last_drift, updated_at) VALUES (@connectorId, @fieldsJson, @driftJson, @now)
            ON CONFLICT (connector_id) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at,
                last_drift = COALESCE(excluded.last_drift, connector_fields.last_drift)
            """, new { connectorId, fieldsJson, driftJson, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (drift is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE sync_runs SET drift = @driftJson WHERE run_id = @runId", new { driftJson, runId = drift.RunId.ToString() }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private static SourceDrift? ReadDrift(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<SourceDrift>(json, CanonicalJson.Options);
}
