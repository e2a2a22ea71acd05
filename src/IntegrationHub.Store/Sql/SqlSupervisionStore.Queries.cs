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

    /// <summary>
    /// The content of version <c>v</c> of golden record <c>g</c>: the current version's is the golden record's own (it is
    /// stored once), a superseded version keeps its own.
    /// </summary>
    private const string VersionContent = "COALESCE(v.content, g.content)";

    public async Task<GoldenRecord?> GetRecordAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<GoldenRow>(new CommandDefinition(
            $"SELECT {GoldenColumns} FROM golden_records WHERE id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<GoldenRecord>> ListRecordsAsync(RecordQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new DynamicParameters(new
        {
            after = query.After,
            regionLike = query.RegionPrefix + "%",
            agency = query.AgencyUscc,
            category = query.Category,
            limit = query.Limit,
        });

        // Only the conditions the query sets: "(@after IS NULL OR id > @after)" keeps SQLite from using the primary key
        // and agency indexes, which made paging through a million records a full scan per page.
        var where = new[]
        {
            query.After is null ? null : "id > @after",
            query.RegionPrefix is null ? null : "region_code LIKE @regionLike",
            query.AgencyUscc is null ? null : "agency_uscc = @agency",
            query.Category is null ? null : "category = @category",
        }.OfType<string>().ToList();
        AddScope(where, parameters, query.Scope, "");
        if (where.Count == 0)
            where.Add("1 = 1");

        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<GoldenRow>(new CommandDefinition(
            $"SELECT {GoldenColumns} FROM golden_records WHERE {string.Join(" AND ", where)} ORDER BY id LIMIT @limit",
            parameters, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<RecordVersion>> GetHistoryAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition(
            $"""
            SELECT v.record_id AS RecordId, v.version AS Version, v.change_kind AS ChangeKind, v.content_hash AS ContentHash,
                   {VersionContent} AS Content, v.connector_id AS ConnectorId, v.changed_at AS ChangedAt
            FROM record_versions v JOIN golden_records g ON g.id = v.record_id WHERE v.record_id = @id ORDER BY v.version
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
            parameters.Add("ids", dialect.ListValue(ids));
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

    public async Task<IReadOnlyList<ChangeEvent>> ReadChangesAsync(long afterSequence, long throughSequence, FeedScope scope, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var parameters = new DynamicParameters(new { afterSequence, throughSequence, limit });
        var where = new List<string> { "c.seq > @afterSequence", "c.seq <= @throughSequence" };
        AddScope(where, parameters, scope, "c.");
        AddInList(where, parameters, "c.change_type", "scopeChangeTypes", scope.EventTypes);

        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ChangeRow>(new CommandDefinition(
            $"""
            SELECT c.seq AS Sequence, c.event_id AS EventId, c.record_id AS RecordId, c.version AS Version, c.change_type AS Type,
                   c.occurred_at AS OccurredAt, c.region_code AS RegionCode, c.agency_uscc AS AgencyUscc, c.category AS Category,
                   {VersionContent} AS Content, c.trace_parent AS TraceParent
            FROM change_log c JOIN record_versions v ON v.record_id = c.record_id AND v.version = c.version
                 JOIN golden_records g ON g.id = c.record_id
            WHERE {string.Join(" AND ", where)} ORDER BY c.seq LIMIT @limit
            """, parameters, cancellationToken: ct)).ConfigureAwait(false);
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
            TraceParent = r.TraceParent,
        }).ToList();
    }

    public async Task<long> CountChangesAsync(long afterSequence, FeedScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var parameters = new DynamicParameters(new { afterSequence });
        var where = new List<string> { "c.seq > @afterSequence" };
        AddScope(where, parameters, scope, "c.");
        AddInList(where, parameters, "c.change_type", "scopeChangeTypes", scope.EventTypes);
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM change_log c WHERE {string.Join(" AND ", where)}", parameters, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<long> GetPrunedThroughAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT pruned_through FROM feed_state WHERE id = 1", cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<int> PruneChangesAsync(DateTimeOffset before, CancellationToken ct)
    {
        var cutoff = before.ToUnixTimeMilliseconds();
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        // Up to the first entry that must stay: sequences are in commit order, times nearly so; never leave a hole.
        var keepFrom = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MIN(seq) FROM change_log WHERE occurred_at >= @cutoff", new { cutoff }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var through = keepFrom is { } first
            ? first - 1
            : await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(seq) FROM change_log", transaction: tx, cancellationToken: ct)).ConfigureAwait(false) ?? 0;
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM change_log WHERE seq <= @through", new { through }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (removed > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE feed_state SET pruned_through = @through, pruned_at = @now WHERE id = 1 AND pruned_through < @through",
                new { through, now = Now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return removed;
    }

    /// <summary>The conditions of a scope's region, agency and category dimensions on a table with those columns.</summary>
    private void AddScope(List<string> where, DynamicParameters parameters, FeedScope scope, string alias)
    {
        if (scope.Regions.Count > 0)
        {
            var likes = new List<string>();
            for (var i = 0; i < scope.Regions.Count; i++)
            {
                parameters.Add($"scopeRegion{i}", scope.Regions[i] + "%");
                likes.Add($"{alias}region_code LIKE @scopeRegion{i}");
            }

            where.Add("(" + string.Join(" OR ", likes) + ")");
        }

        AddInList(where, parameters, alias + "agency_uscc", "scopeAgencies", scope.Agencies);
        AddInList(where, parameters, alias + "category", "scopeCategories", scope.Categories);
    }

    private void AddInList(List<string> where, DynamicParameters parameters, string column, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
            return;
        parameters.Add(name, dialect.ListValue(values));
        where.Add(dialect.InList(column, name));
    }

    public async Task<(string? RegionCode, string? AgencyUscc, string? Category)?> GetRecordScopeAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RecordScopeRow>(new CommandDefinition(
            "SELECT region_code AS RegionCode, agency_uscc AS AgencyUscc, category AS Category FROM golden_records WHERE id = @id",
            new { id }, cancellationToken: ct)).ConfigureAwait(false);
        return row is null ? null : (row.RegionCode, row.AgencyUscc, row.Category);
    }

    private sealed record RecordScopeRow
    {
        public string? RegionCode { get; init; }
        public string? AgencyUscc { get; init; }
        public string? Category { get; init; }
    }

    public async Task<long> LastChangeSequenceAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        // After retention emptied the log, the position is where pruning stopped, never back at the start.
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT COALESCE(MAX(seq), (SELECT pruned_through FROM feed_state WHERE id = 1)) FROM change_log",
            cancellationToken: ct)).ConfigureAwait(false) ?? 0;
    }

    public async Task<long?> FirstChangeSequenceSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MIN(seq) FROM change_log WHERE occurred_at >= @since",
            new { since = since.ToUnixTimeMilliseconds() }, cancellationToken: ct)).ConfigureAwait(false);
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
        public string? TraceParent { get; init; }
    }
}
