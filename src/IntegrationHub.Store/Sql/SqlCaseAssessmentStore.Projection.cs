using System.Data.Common;
using System.Text.Json;
using Dapper;
using IntegrationHub.Store.Assessments;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlCaseAssessmentStore
{
    private static readonly string[] RowColumns = [
        "record_id", "unit_id",
        .. Enumerable.Range(0, CaseAssessmentRow.MaxSlots).SelectMany(s => new[] { $"{AssessmentMigrations.Slot(s)}_on", AssessmentMigrations.Slot(s), $"{AssessmentMigrations.Slot(s)}_due" }),
    ];

    private static readonly string[] TallyColumns = ["month", "unit_id", "slot", "outcome", "due", "cases"];

    private static readonly string[] UnitWriteColumns = ["id", "unit_key", "agency_uscc", "agency_name", "region_code", "category", "first_record_id", "cases"];

    public async Task<AssessmentProgress> ProjectAsync(AssessmentStep step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Slots.Count > CaseAssessmentRow.MaxSlots)
            throw new ArgumentException($"A step has {step.Slots.Count} slots; the store holds at most {CaseAssessmentRow.MaxSlots}.", nameof(step));
        ArgumentOutOfRangeException.ThrowIfLessThan(step.Limit, 1);

        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        // Most of a step is reading golden records and assessing them: that is done before the step takes its turn to write
        // (on SQLite the process's writers, the batch writer among them, wait while one holds it), from the state as read
        // then. Only steps move the state: when another step came first (another process's, or a report's catch-up in this
        // one), the step is planned again under the lock.
        var plan = await PlanAsync(connection, null, step, await ReadStateAsync(connection, null, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        await using var write = await dialect.BeginBackgroundWriteAsync(connection, step.YieldAtMost, ct).ConfigureAwait(false);
        var tx = write.Transaction;
        // The first statement takes the state row's lock (PostgreSQL) or the write lock (SQLite): a second process running
        // a step waits here and then sees this step's cursor, so no change is applied twice and none is skipped.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE assessment_state SET updated_at = @now WHERE id = 1", new { now = Now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var state = await ReadStateAsync(connection, tx, ct).ConfigureAwait(false);
        if (state != plan.State)
            plan = await PlanAsync(connection, tx, step, state, ct).ConfigureAwait(false);

        if (plan.Rebuild)
        {
            await StartRebuildAsync(connection, tx, step, ct).ConfigureAwait(false);
        }
        else
        {
            await ReplaceAsync(connection, tx, plan.RecordIds, plan.Rows, ct, plan.Fresh).ConfigureAwait(false);
            if (plan.StateUpdate is { } update)
                await connection.ExecuteAsync(new CommandDefinition(update, plan.StateParameters, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        var progress = await ReadProgressAsync(connection, tx, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return progress;
    }

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static Task<StateRow> ReadStateAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct) =>
        connection.QuerySingleAsync<StateRow>(new CommandDefinition(
            "SELECT version AS Version, cursor_seq AS Cursor, rebuild_after AS RebuildAfter, rebuild_through AS RebuildThrough FROM assessment_state WHERE id = 1",
            transaction: tx, cancellationToken: ct));

    /// <summary>
    /// What a step from <paramref name="state"/> writes: a rebuild begun (the rules changed, or retention removed changes
    /// the cursor had not reached); or the rows of the next page of live golden records after the rebuild's position, or
    /// of the records of the next changes after the cursor as they are now (the newest content of a record wins; a
    /// deleted one leaves), with where the state moves.
    /// </summary>
    private async Task<StepPlan> PlanAsync(DbConnection connection, DbTransaction? tx, AssessmentStep step, StateRow state, CancellationToken ct)
    {
        if (state.Version != step.Version)
            return new StepPlan(state) { Rebuild = true };
        if (state.RebuildAfter is { } after)
        {
            // The next ids in key order, deleted or not; the deleted are skipped here. A page is a range of the primary key
            // whatever the planner knows: with "deleted_at IS NULL" in the query, PostgreSQL without statistics (a store just
            // bulk-loaded or restored, before autovacuum analyzed it) guessed few live rows and sorted a scan of the whole
            // table instead — minutes at ten million records, past the command timeout.
            var read = (await connection.QueryAsync<(string Id, string Content, long? DeletedAt)>(new CommandDefinition(
                "SELECT id, content, deleted_at FROM golden_records WHERE id > @after ORDER BY id LIMIT @limit",
                new { after, limit = step.Limit }, tx, cancellationToken: ct)).ConfigureAwait(false)).ToList();
            var page = read.Where(r => r.DeletedAt is null).Select(r => new LiveRecord(r.Id, r.Content)).ToList();
            // Changes committed after the rebuild began have sequences above its "through": the cursor starts there when
            // the last page is done. The rows were all removed when the rebuild began and pages never overlap: nothing to
            // replace, only to add.
            return new StepPlan(state)
            {
                RecordIds = [.. page.Select(r => r.Id)],
                Rows = step.Assess(page),
                Fresh = true,
                StateUpdate = read.Count < step.Limit
                    ? "UPDATE assessment_state SET rebuild_after = NULL, cursor_seq = @through WHERE id = 1"
                    : "UPDATE assessment_state SET rebuild_after = @last WHERE id = 1",
                StateParameters = new { through = state.RebuildThrough, last = read.Count == 0 ? after : read[^1].Id },
            };
        }

        var changes = (await connection.QueryAsync<(long Seq, string RecordId)>(new CommandDefinition(
            "SELECT seq, record_id FROM change_log WHERE seq > @cursor ORDER BY seq LIMIT @limit",
            new { cursor = state.Cursor, limit = step.Limit }, tx, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        // Read after the changes: pruning only moves forward, so a value at or below the cursor means nothing was missed.
        var pruned = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT pruned_through FROM feed_state WHERE id = 1", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        if (pruned > state.Cursor)
            return new StepPlan(state) { Rebuild = true };
        if (changes.Count == 0)
            return new StepPlan(state);
        // Content read before the lock may be older than what a batch commits meanwhile: that batch's changes come after
        // these, and a later step assesses the record again.
        var ids = changes.Select(c => c.RecordId).Distinct(StringComparer.Ordinal).ToList();
        var live = await ReadLiveAsync(connection, tx, ids, ct).ConfigureAwait(false);
        return new StepPlan(state)
        {
            RecordIds = ids,
            Rows = step.Assess(live),
            StateUpdate = "UPDATE assessment_state SET cursor_seq = @last WHERE id = 1",
            StateParameters = new { last = changes[^1].Seq },
        };
    }

    /// <summary>Forgets every row and count; the next steps assess every live golden record again, page by page.</summary>
    private async Task StartRebuildAsync(DbConnection connection, DbTransaction tx, AssessmentStep step, CancellationToken ct)
    {
        var head = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(HeadSql, transaction: tx, cancellationToken: ct)).ConfigureAwait(false) ?? 0;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM assessment_tallies;
            DELETE FROM case_assessments;
            DELETE FROM assessment_units;
            UPDATE assessment_state SET version = @version, indicators = @indicators, cursor_seq = 0, rebuild_after = '', rebuild_through = @head WHERE id = 1;
            """, new { version = step.Version, indicators = string.Join(",", step.Slots), head }, tx, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>What one step writes (<see cref="PlanAsync"/>), and the state it was planned from.</summary>
    private sealed record StepPlan(StateRow State)
    {
        public bool Rebuild { get; init; }
        public IReadOnlyList<string> RecordIds { get; init; } = [];
        public IReadOnlyList<CaseAssessmentRow> Rows { get; init; } = [];

        /// <summary>A rebuild page: its records have no rows yet.</summary>
        public bool Fresh { get; init; }

        public string? StateUpdate { get; init; }
        public object? StateParameters { get; init; }
    }

    /// <summary>
    /// Replaces the rows of <paramref name="recordIds"/> by <paramref name="rows"/> (a record without a row leaves) and
    /// moves the counts and units by the difference, so they always equal a count over the rows.
    /// </summary>
    private async Task ReplaceAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<string> recordIds, IReadOnlyList<CaseAssessmentRow> rows,
        CancellationToken ct, bool fresh = false)
    {
        if (recordIds.Count == 0)
            return;
        var old = fresh ? [] : await ReadRowsAsync(connection, tx, recordIds, ct).ConfigureAwait(false);
        var units = await UnitsAsync(connection, tx, old.Select(o => o.UnitId), rows.Select(r => r.Unit), ct).ConfigureAwait(false);
        var changes = new AssessmentDelta();
        foreach (var (recordId, unitId, slots) in old)
            changes.Remove(recordId, units.ById[unitId], slots);
        foreach (var row in rows)
            changes.Add(row.RecordId, units.ByKey[row.Unit], row.Slots);

        if (!fresh)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM case_assessments WHERE {dialect.InList("record_id", "ids")}", new { ids = dialect.ListValue(recordIds) }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        await MultiRowStatement.ExecuteAsync(dialect, connection, tx, "case_assessments", RowColumns,
            [.. rows.Select(r => RowValues(r, units.ByKey[r.Unit].Id))], "", ct).ConfigureAwait(false);
        await MultiRowStatement.ExecuteAsync(dialect, connection, tx, "assessment_tallies", TallyColumns,
            [.. changes.Tallies.Select(t => new object?[] { t.Key.Month, t.Key.UnitId, t.Key.Slot, (int)t.Key.Outcome, t.Key.Due, (long)t.Value })],
            "ON CONFLICT (month, unit_id, slot, outcome, due) DO UPDATE SET cases = assessment_tallies.cases + excluded.cases", ct).ConfigureAwait(false);

        var written = new List<object?[]>();
        foreach (var unit in changes.Units)
        {
            // The unit's first record left: the smallest id that remains (now that the rows are written) takes its place.
            var first = unit.FirstRemoved
                ? await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                    "SELECT MIN(record_id) FROM case_assessments WHERE unit_id = @id", new { id = unit.Unit.Id }, tx, cancellationToken: ct)).ConfigureAwait(false)
                : unit.First;
            var key = unit.Unit.Key;
            written.Add([unit.Unit.Id, UnitKey(key), key.AgencyUscc, key.AgencyName, key.RegionCode, key.Category, first, unit.Cases]);
        }

        await MultiRowStatement.ExecuteAsync(dialect, connection, tx, "assessment_units", UnitWriteColumns, written,
            "ON CONFLICT (id) DO UPDATE SET first_record_id = excluded.first_record_id, cases = excluded.cases", ct).ConfigureAwait(false);
    }

    private static object?[] RowValues(CaseAssessmentRow row, long unitId)
    {
        var values = new object?[RowColumns.Length];
        values[0] = row.RecordId;
        values[1] = unitId;
        for (var s = 0; s < row.Slots.Count; s++)
        {
            if (row.Slots[s] is not { } standing)
                continue;
            values[2 + s * 3] = standing.Day;
            values[3 + s * 3] = (int)standing.Outcome;
            values[4 + s * 3] = standing.Due;
        }

        return values;
    }

    /// <summary>The stored rows of the records: record id, unit id and the standing of every slot.</summary>
    private async Task<List<(string RecordId, long UnitId, SlotStanding?[] Slots)>> ReadRowsAsync(DbConnection connection, DbTransaction tx,
        IReadOnlyList<string> recordIds, CancellationToken ct)
    {
        var rows = new List<(string, long, SlotStanding?[])>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {string.Join(", ", RowColumns)} FROM case_assessments WHERE {dialect.InList("record_id", "ids")}",
            new { ids = dialect.ListValue(recordIds) }, tx, cancellationToken: ct)).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var slots = new SlotStanding?[CaseAssessmentRow.MaxSlots];
            for (var s = 0; s < slots.Length; s++)
            {
                if (reader.IsDBNull(3 + s * 3))
                    continue;
                slots[s] = new SlotStanding(Convert.ToInt32(reader.GetValue(2 + s * 3), System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToByte(reader.GetValue(3 + s * 3), System.Globalization.CultureInfo.InvariantCulture),
                    reader.IsDBNull(4 + s * 3) ? null : Convert.ToInt32(reader.GetValue(4 + s * 3), System.Globalization.CultureInfo.InvariantCulture));
            }

            rows.Add((reader.GetString(0), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), slots));
        }

        return rows;
    }

    /// <summary>The units of the old rows (by id) and of the new rows (by key), creating the new ones that do not exist.</summary>
    private async Task<(Dictionary<long, AssessmentUnit> ById, Dictionary<AssessmentUnitKey, AssessmentUnit> ByKey)> UnitsAsync(DbConnection connection,
        DbTransaction tx, IEnumerable<long> ids, IEnumerable<AssessmentUnitKey> keys, CancellationToken ct)
    {
        var byKey = new Dictionary<AssessmentUnitKey, AssessmentUnit>();
        var byId = new Dictionary<long, AssessmentUnit>();
        var wanted = keys.Distinct().ToDictionary(UnitKey, k => k, StringComparer.Ordinal);
        if (wanted.Count > 0)
        {
            foreach (var unit in await connection.QueryAsync<UnitRow>(new CommandDefinition(
                         $"SELECT {UnitColumns} FROM assessment_units WHERE {dialect.InList("unit_key", "keys")}", new { keys = dialect.ListValue(wanted.Keys) }, tx,
                         cancellationToken: ct)).ConfigureAwait(false))
            {
                var found = unit.ToUnit();
                byKey[found.Key] = byId[found.Id] = found;
            }
        }

        // New units get the next ids: only a projection step adds units, and steps hold the state's lock.
        var added = wanted.Where(w => !byKey.ContainsKey(w.Value)).ToList();
        if (added.Count > 0)
        {
            var next = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COALESCE(MAX(id), 0) + 1 FROM assessment_units", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
            var rows = new List<object?[]>();
            foreach (var (text, key) in added)
            {
                var unit = new AssessmentUnit(next++, key, "", 0);
                byKey[key] = byId[unit.Id] = unit;
                rows.Add([unit.Id, text, key.AgencyUscc, key.AgencyName, key.RegionCode, key.Category, 0L]);
            }

            await MultiRowStatement.ExecuteAsync(dialect, connection, tx, "assessment_units", ["id", "unit_key", "agency_uscc", "agency_name", "region_code", "category", "cases"],
                rows, "", ct).ConfigureAwait(false);
        }

        var missing = ids.Distinct().Where(id => !byId.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var unit in await connection.QueryAsync<UnitRow>(new CommandDefinition(
                         $"SELECT {UnitColumns} FROM assessment_units WHERE {dialect.InList("id", "ids")}", new { ids = dialect.ListValue(missing) }, tx,
                         cancellationToken: ct)).ConfigureAwait(false))
            {
                var found = unit.ToUnit();
                byId[found.Id] = found;
            }
        }

        return (byId, byKey);
    }

    /// <summary>The unique key of a unit: its four values as a JSON array (null and empty stay apart).</summary>
    private static string UnitKey(AssessmentUnitKey key) =>
        JsonSerializer.Serialize(new[] { key.AgencyUscc, key.AgencyName, key.RegionCode, key.Category });
}
