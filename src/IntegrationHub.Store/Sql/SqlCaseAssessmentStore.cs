using System.Data.Common;
using Dapper;
using IntegrationHub.Store.Assessments;

namespace IntegrationHub.Store.Sql;

/// <summary>
/// The persisted indicator assessment over SQL, one text for SQLite and PostgreSQL (tables of migration 20). Reports read
/// <c>assessment_tallies</c> and <c>assessment_units</c>; drill-downs scan <c>case_assessments</c>; the projection
/// (<see cref="ProjectAsync"/>, in the partial file beside this one) writes all three with its cursor.
/// </summary>
public sealed partial class SqlCaseAssessmentStore(StoreDialect dialect, TimeProvider clock) : ICaseAssessmentStore
{
    private const string HeadSql = "SELECT COALESCE(MAX(seq), (SELECT pruned_through FROM feed_state WHERE id = 1)) FROM change_log";

    public async Task<AssessmentProgress> GetProgressAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        return await ReadProgressAsync(connection, null, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AssessmentUnit>> ListUnitsAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<UnitRow>(new CommandDefinition(
            $"SELECT {UnitColumns} FROM assessment_units WHERE cases > 0", cancellationToken: ct)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToUnit())];
    }

    public async Task<IReadOnlyList<SlotCount>> CountAsync(int fromMonth, int toMonth, int asOf, IReadOnlyCollection<long>? units, bool byMonth,
        CancellationToken ct)
    {
        var month = byMonth ? "month" : "0";
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<CountRow>(new CommandDefinition(
            $"""
            SELECT unit_id AS UnitId, slot AS Slot, {month} AS Month,
                   CAST(SUM(CASE WHEN outcome = {SlotStanding.Met} THEN cases ELSE 0 END) AS BIGINT) AS Met,
                   CAST(SUM(CASE WHEN outcome <> {SlotStanding.Pending} OR due < @asOf THEN cases ELSE 0 END) AS BIGINT) AS Counted
            FROM assessment_tallies
            WHERE month >= @fromMonth AND month <= @toMonth{(units is null ? "" : " AND " + dialect.InList("unit_id", "units"))}
            GROUP BY unit_id, slot{(byMonth ? ", month" : "")}
            """, new { fromMonth, toMonth, asOf, units = units is null ? null : dialect.ListValue(units) }, cancellationToken: ct)).ConfigureAwait(false))
            .Select(r => new SlotCount(r.UnitId, (int)r.Slot, (int)r.Month, r.Met, r.Counted));
        return [.. rows];
    }

    public async Task<IReadOnlyList<FailingCase>> FindFailingAsync(int slot, int fromDay, int toDay, int asOf, IReadOnlyCollection<long>? units,
        CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, CaseAssessmentRow.MaxSlots);
        var column = AssessmentMigrations.Slot(slot);
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<FailingRow>(new CommandDefinition(
            $"""
            SELECT record_id AS RecordId, unit_id AS UnitId FROM case_assessments
            WHERE {column}_on >= @fromDay AND {column}_on <= @toDay
              AND ({column} = {SlotStanding.Failed} OR ({column} = {SlotStanding.Pending} AND {column}_due < @asOf))
              {(units is null ? "" : "AND " + dialect.InList("unit_id", "units"))}
            """, new { fromDay, toDay, asOf, units = units is null ? null : dialect.ListValue(units) }, cancellationToken: ct)).ConfigureAwait(false))
            .Select(r => new FailingCase(r.RecordId, r.UnitId));
        return [.. rows];
    }

    public async Task<IReadOnlyList<LiveRecord>> ReadLiveAsync(IReadOnlyCollection<string> recordIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        return await ReadLiveAsync(connection, null, recordIds, ct).ConfigureAwait(false);
    }

    private async Task<List<LiveRecord>> ReadLiveAsync(DbConnection connection, DbTransaction? tx, IReadOnlyCollection<string> recordIds, CancellationToken ct)
    {
        if (recordIds.Count == 0)
            return [];
        var rows = await connection.QueryAsync<(string Id, string Content)>(new CommandDefinition(
            $"SELECT id, content FROM golden_records WHERE deleted_at IS NULL AND {dialect.InList("id", "ids")}",
            new { ids = dialect.ListValue(recordIds) }, tx, cancellationToken: ct)).ConfigureAwait(false);
        return [.. rows.Select(r => new LiveRecord(r.Id, r.Content))];
    }

    private static async Task<AssessmentProgress> ReadProgressAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        var state = await ReadStateAsync(connection, tx, ct).ConfigureAwait(false);
        var head = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(HeadSql, transaction: tx, cancellationToken: ct)).ConfigureAwait(false) ?? 0;
        var pruned = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT pruned_through FROM feed_state WHERE id = 1", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        return new AssessmentProgress(state.Version, state.Cursor, head, pruned, state.RebuildAfter);
    }

    private const string UnitColumns =
        "id AS Id, agency_uscc AS AgencyUscc, agency_name AS AgencyName, region_code AS RegionCode, category AS Category, " +
        "first_record_id AS FirstRecordId, cases AS Cases";

    private sealed record StateRow
    {
        public string Version { get; init; } = "";
        public long Cursor { get; init; }
        public string? RebuildAfter { get; init; }
        public long RebuildThrough { get; init; }
    }

    private sealed record CountRow
    {
        public long UnitId { get; init; }
        public long Slot { get; init; }
        public long Month { get; init; }
        public long Met { get; init; }
        public long Counted { get; init; }
    }

    private sealed record FailingRow
    {
        public string RecordId { get; init; } = "";
        public long UnitId { get; init; }
    }

    private sealed record UnitRow
    {
        public long Id { get; init; }
        public string? AgencyUscc { get; init; }
        public string AgencyName { get; init; } = "";
        public string? RegionCode { get; init; }
        public string Category { get; init; } = "";
        public string? FirstRecordId { get; init; }
        public long Cases { get; init; }

        public AssessmentUnit ToUnit() => new(Id, new AssessmentUnitKey(AgencyUscc, AgencyName, RegionCode, Category), FirstRecordId ?? "", Cases);
    }
}
