using System.Text.Json;
using Dapper;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Mapping.Validation;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    private const string GoldenColumns =
        "id AS Id, identity_key AS IdentityKey, version AS Version, content_hash AS ContentHash, content AS Content, " +
        "created_at AS CreatedAt, updated_at AS UpdatedAt, deleted_at AS DeletedAt";

    public async Task<GoldenRecord?> GetRecordAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<GoldenRow>(new CommandDefinition(
            $"SELECT {GoldenColumns} FROM golden_records WHERE id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<GoldenRecord>> ListRecordsAsync(RecordQuery query, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<GoldenRow>(new CommandDefinition(
            $"SELECT {GoldenColumns} FROM golden_records WHERE {RecordFilter(query)} ORDER BY id LIMIT @limit",
            new
            {
                after = query.After,
                regionPrefix = query.RegionPrefix,
                regionLike = query.RegionPrefix + "%",
                agency = query.AgencyUscc,
                category = query.Category,
                limit = query.Limit,
            }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    // Only the conditions the query sets: "(@after IS NULL OR id > @after)" keeps SQLite from using the primary key and
    // agency indexes, which made paging through a million records a full scan per page.
    private static string RecordFilter(RecordQuery query) => string.Join(" AND ", new[]
    {
        query.After is null ? null : "id > @after",
        query.RegionPrefix is null ? null : "region_code LIKE @regionLike",
        query.AgencyUscc is null ? null : "agency_uscc = @agency",
        query.Category is null ? null : "category = @category",
    }.OfType<string>().DefaultIfEmpty("1 = 1"));

    public async Task<IReadOnlyList<RecordVersion>> GetHistoryAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition(
            """
            SELECT record_id AS RecordId, version AS Version, change_kind AS ChangeKind, content_hash AS ContentHash,
                   content AS Content, connector_id AS ConnectorId, changed_at AS ChangedAt
            FROM record_versions WHERE record_id = @id ORDER BY version
            """, new { id }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => new RecordVersion
        {
            RecordId = r.RecordId,
            Version = (int)r.Version,
            ChangeKind = r.ChangeKind,
            ContentHash = r.ContentHash,
            Content = r.Content,
            ConnectorId = r.ConnectorId,
            ChangedAt = At(r.ChangedAt),
        }).ToList();
    }

    public async Task<long> CountRecordsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM golden_records", cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<QuarantineEntry>> ListQuarantineAsync(QuarantineQuery query, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var (where, parameters) = QuarantineFilter(query);
        var rows = await connection.QueryAsync<QuarantineRow>(new CommandDefinition(
            $"""
            SELECT id AS Id, connector_id AS ConnectorId, source_key AS SourceKey, run_id AS RunId, raw AS Raw, reasons AS Reasons,
                   status AS Status, first_seen_at AS FirstSeenAt, last_seen_at AS LastSeenAt
            FROM quarantine WHERE {where} AND (@after IS NULL OR id > @after)
            ORDER BY id LIMIT @limit
            """, parameters, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => new QuarantineEntry
        {
            Id = r.Id,
            ConnectorId = r.ConnectorId,
            SourceKey = r.SourceKey,
            RunId = Guid.Parse(r.RunId),
            Raw = r.Raw,
            Reasons = JsonSerializer.Deserialize<List<ValidationIssue>>(r.Reasons, CanonicalJson.Options) ?? [],
            Status = r.Status,
            FirstSeenAt = At(r.FirstSeenAt),
            LastSeenAt = At(r.LastSeenAt),
        }).ToList();
    }

    public async Task<long> CountQuarantineAsync(QuarantineQuery query, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var (where, parameters) = QuarantineFilter(query);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM quarantine WHERE {where}", parameters, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<QuarantineEntry?> GetQuarantineAsync(long id, CancellationToken ct)
    {
        var entries = await ListQuarantineAsync(new QuarantineQuery { Ids = [id], Status = null, Limit = 1 }, ct).ConfigureAwait(false);
        return entries.SingleOrDefault();
    }

    /// <summary>The one WHERE clause of quarantine queries, so listing and counting select the same entries.</summary>
    private (string Where, DynamicParameters Parameters) QuarantineFilter(QuarantineQuery query)
    {
        var ids = query.Ids?.ToList();
        var parameters = new DynamicParameters(new
        {
            connectorId = query.ConnectorId,
            status = query.Status,
            rule = query.Rule,
            ruleLike = $"% {query.Rule} %",
            since = query.Since?.ToUnixTimeMilliseconds(),
            until = query.Until?.ToUnixTimeMilliseconds(),
            after = query.After,
            limit = query.Limit,
        });
        if (ids is not null)
            parameters.Add("ids", ids);
        var where = $"""
            (@connectorId IS NULL OR connector_id = @connectorId)
              AND (@status IS NULL OR status = @status)
              AND (@rule IS NULL OR (' ' || rules || ' ') LIKE @ruleLike)
              AND (@since IS NULL OR last_seen_at >= @since)
              AND (@until IS NULL OR last_seen_at < @until)
              {(ids is null ? "" : "AND " + dialect.InList("id", "ids"))}
            """;
        return (where, parameters);
    }

    public async Task<IReadOnlyList<ChangeEvent>> ReadChangesAsync(long afterSequence, int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ChangeRow>(new CommandDefinition(
            """
            SELECT c.seq AS Sequence, c.event_id AS EventId, c.record_id AS RecordId, c.version AS Version, c.change_type AS Type,
                   c.occurred_at AS OccurredAt, c.region_code AS RegionCode, c.agency_uscc AS AgencyUscc, c.category AS Category,
                   v.content AS Content
            FROM change_log c JOIN record_versions v ON v.record_id = c.record_id AND v.version = c.version
            WHERE c.seq > @afterSequence ORDER BY c.seq LIMIT @limit
            """, new { afterSequence, limit }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => new ChangeEvent
        {
            Sequence = r.Sequence,
            EventId = r.EventId,
            RecordId = r.RecordId,
            Version = (int)r.Version,
            Type = r.Type,
            OccurredAt = At(r.OccurredAt),
            RegionCode = r.RegionCode,
            AgencyUscc = r.AgencyUscc,
            Category = r.Category,
            Content = r.Content,
        }).ToList();
    }

    public async Task<long> LastChangeSequenceAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(seq) FROM change_log", cancellationToken: ct)).ConfigureAwait(false) ?? 0;
    }

    private sealed record GoldenRow
    {
        public string Id { get; init; } = "";
        public string IdentityKey { get; init; } = "";
        public long Version { get; init; }
        public string ContentHash { get; init; } = "";
        public string Content { get; init; } = "";
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }
        public long? DeletedAt { get; init; }

        public GoldenRecord ToRecord() => new()
        {
            Id = Id,
            IdentityKey = IdentityKey,
            Version = (int)Version,
            ContentHash = ContentHash,
            Content = Content,
            CreatedAt = At(CreatedAt),
            UpdatedAt = At(UpdatedAt),
            DeletedAt = At(DeletedAt),
        };
    }

    private sealed record VersionRow
    {
        public string RecordId { get; init; } = "";
        public long Version { get; init; }
        public string ChangeKind { get; init; } = "";
        public string ContentHash { get; init; } = "";
        public string Content { get; init; } = "";
        public string ConnectorId { get; init; } = "";
        public long ChangedAt { get; init; }
    }

    private sealed record QuarantineRow
    {
        public long Id { get; init; }
        public string ConnectorId { get; init; } = "";
        public string SourceKey { get; init; } = "";
        public string RunId { get; init; } = "";
        public string Raw { get; init; } = "";
        public string Reasons { get; init; } = "";
        public string Status { get; init; } = "";
        public long FirstSeenAt { get; init; }
        public long LastSeenAt { get; init; }
    }

    private sealed record ChangeRow
    {
        public long Sequence { get; init; }
        public string EventId { get; init; } = "";
        public string RecordId { get; init; } = "";
        public long Version { get; init; }
        public string Type { get; init; } = "";
        public long OccurredAt { get; init; }
        public string? RegionCode { get; init; }
        public string? AgencyUscc { get; init; }
        public string? Category { get; init; }
        public string Content { get; init; } = "";
    }
}
