using System.Text.Json;
using Dapper;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Canonical.Validation;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

// The quarantine as operators read it: pages filtered by connector, status, rule and time, counts and single entries.
public sealed partial class SqlSupervisionStore
{
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
}
