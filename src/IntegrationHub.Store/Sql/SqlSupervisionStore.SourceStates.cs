using System.Text.Json;
using Dapper;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Canonical.Validation;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    public async Task<IReadOnlyList<(string SourceKey, string Raw)>> ListStoredRawAsync(string connectorId, string? afterKey, int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string SourceKey, string Raw)>(new CommandDefinition(
            """
            SELECT source_key, raw FROM source_records
            WHERE connector_id = @connectorId AND deleted_at IS NULL AND (@afterKey IS NULL OR source_key > @afterKey)
            ORDER BY source_key LIMIT @limit
            """, new { connectorId, afterKey, limit }, cancellationToken: ct)).ConfigureAwait(false);
        return [.. rows];
    }

    public async Task<IReadOnlyDictionary<string, SourceRecordState>> FindSourceRecordStatesAsync(string connectorId,
        IReadOnlyCollection<string> sourceKeys, CancellationToken ct)
    {
        var states = new Dictionary<string, SourceRecordState>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var keys = dialect.ListValue(sourceKeys.Distinct(StringComparer.Ordinal));
        var quarantined = await connection.QueryAsync<(string SourceKey, string Reasons)>(new CommandDefinition(
            $"SELECT source_key, reasons FROM quarantine WHERE connector_id = @connectorId AND status = 'open' AND {dialect.InList("source_key", "keys")} ORDER BY id",
            new { connectorId, keys }, cancellationToken: ct)).ConfigureAwait(false);
        foreach (var (key, reasons) in quarantined)
        {
            var issues = JsonSerializer.Deserialize<List<ValidationIssue>>(reasons, CanonicalJson.Options) ?? [];
            states[key] = new SourceRecordState(key, "quarantined", null, [.. issues.Select(i => i.MessageEn)]);
        }

        // an open entry is the latest word on its key (an accepted record resolves the open entries of its key)
        var stored = await connection.QueryAsync<(string SourceKey, string RecordId, long? DeletedAt)>(new CommandDefinition(
            $"SELECT source_key, record_id, deleted_at FROM source_records WHERE connector_id = @connectorId AND {dialect.InList("source_key", "keys")}",
            new { connectorId, keys }, cancellationToken: ct)).ConfigureAwait(false);
        foreach (var (key, recordId, deletedAt) in stored)
        {
            if (!states.ContainsKey(key))
                states[key] = new SourceRecordState(key, deletedAt is null ? "stored" : "deleted", recordId, []);
        }

        return states;
    }
}
