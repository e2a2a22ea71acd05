using System.Text.Json;
using Dapper;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Store.Merge;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    public async Task<IReadOnlyList<FieldLineage>?> GetFieldLineageAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var found = await connection.QuerySingleOrDefaultAsync<LineageRow>(new CommandDefinition(
            "SELECT field_lineage AS FieldLineage, content AS Content FROM golden_records WHERE id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
        if (found is null)
            return null;
        if (found.FieldLineage is not null)
            return JsonSerializer.Deserialize<List<FieldLineage>>(found.FieldLineage, CanonicalJson.Options) ?? [];

        // Not stored: the record is held by one live source, and every group it holds came from there.
        var sources = (await connection.QueryAsync<LineageSourceRow>(new CommandDefinition(
            """
            SELECT connector_id AS ConnectorId, source_key AS SourceKey, source_version AS SourceVersion, mapping_version AS MappingVersion, read_at AS ReadAt
            FROM source_records WHERE record_id = @id AND deleted_at IS NULL
            """, new { id }, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        return sources is [var only]
            ? SingleSourceLineage.Of(found.Content, only.ConnectorId, only.SourceKey, only.SourceVersion, only.MappingVersion,
                DateTimeOffset.FromUnixTimeMilliseconds(only.ReadAt))
            : [];
    }

    public async Task<IReadOnlyList<FieldConflict>> GetConflictsAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ConflictRow>(new CommandDefinition(
            """
            SELECT field_group AS FieldGroup, paths AS Paths, source_values AS SourceValues, chosen_connector AS ChosenConnector,
                   chosen_source_key AS ChosenSourceKey, status AS Status, detected_at AS DetectedAt, updated_at AS UpdatedAt, resolved_at AS ResolvedAt
            FROM record_conflicts WHERE record_id = @id ORDER BY detected_at, field_group
            """, new { id }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => new FieldConflict
        {
            Group = r.FieldGroup,
            Paths = JsonSerializer.Deserialize<List<string>>(r.Paths, CanonicalJson.Options) ?? [],
            ChosenConnector = r.ChosenConnector,
            ChosenSourceKey = r.ChosenSourceKey,
            Values = JsonSerializer.Deserialize<List<ConflictingValue>>(r.SourceValues, CanonicalJson.Options) ?? [],
            Status = r.Status,
            DetectedAt = At(r.DetectedAt),
            UpdatedAt = At(r.UpdatedAt),
            ResolvedAt = At(r.ResolvedAt),
        }).ToList();
    }

    private sealed record LineageRow
    {
        public string? FieldLineage { get; init; }
        public string Content { get; init; } = "";
    }

    private sealed record LineageSourceRow
    {
        public string ConnectorId { get; init; } = "";
        public string SourceKey { get; init; } = "";
        public string? SourceVersion { get; init; }
        public long MappingVersion { get; init; }
        public long ReadAt { get; init; }
    }

    private sealed record ConflictRow
    {
        public string FieldGroup { get; init; } = "";
        public string Paths { get; init; } = "";
        public string SourceValues { get; init; } = "";
        public string ChosenConnector { get; init; } = "";
        public string ChosenSourceKey { get; init; } = "";
        public string Status { get; init; } = "";
        public long DetectedAt { get; init; }
        public long UpdatedAt { get; init; }
        public long? ResolvedAt { get; init; }
    }
}
