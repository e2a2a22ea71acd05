using Dapper;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

// The change log as feeds read it: pages of events in a subscriber's scope, positions, and retention.
public sealed partial class SqlSupervisionStore
{
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
        await using var write = await dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
        var tx = write.Transaction;
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
