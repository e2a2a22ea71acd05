using System.Globalization;
using System.Text;
using IntegrationHub.Store.Assessments;

namespace IntegrationHub.Store.Sql;

/// <summary>
/// The tables of the persisted indicator assessment (docs/indicators.md, "How reports are computed"); store versions
/// 20–24 are theirs.
/// </summary>
internal static class AssessmentMigrations
{
    public static IReadOnlyList<(int Version, string Sql)> All(StoreDialect dialect) =>
    [
        // One narrow row per live case, the counts reports sum, the units they select by, and the projection's cursor.
        (20, $"""
            CREATE TABLE assessment_state (
                id INTEGER PRIMARY KEY,
                version TEXT NOT NULL,
                indicators TEXT NOT NULL,
                cursor_seq BIGINT NOT NULL,
                rebuild_after TEXT,
                rebuild_through BIGINT NOT NULL,
                updated_at BIGINT NOT NULL);
            INSERT INTO assessment_state (id, version, indicators, cursor_seq, rebuild_through, updated_at) VALUES (1, '', '', 0, 0, 0);

            CREATE TABLE assessment_units (
                id BIGINT PRIMARY KEY,
                unit_key TEXT NOT NULL UNIQUE,
                agency_uscc TEXT,
                agency_name TEXT NOT NULL,
                region_code TEXT,
                category TEXT NOT NULL,
                first_record_id {dialect.OrdinalText},
                cases BIGINT NOT NULL);

            CREATE TABLE case_assessments (
                record_id {dialect.OrdinalText} PRIMARY KEY,
                unit_id BIGINT NOT NULL{SlotColumns()});
            CREATE INDEX ix_case_assessments_unit ON case_assessments (unit_id, record_id);

            CREATE TABLE assessment_tallies (
                month INTEGER NOT NULL,
                unit_id BIGINT NOT NULL,
                slot INTEGER NOT NULL,
                outcome INTEGER NOT NULL,
                due INTEGER NOT NULL,
                cases BIGINT NOT NULL,
                PRIMARY KEY (month, unit_id, slot, outcome, due));
            """),
    ];

    /// <summary>The column name of slot <paramref name="slot"/> (0-based): <c>s01</c> … <c>s16</c>.</summary>
    public static string Slot(int slot) => string.Create(CultureInfo.InvariantCulture, $"s{slot + 1:00}");

    // Per slot: the day that places the case in a period, the outcome, and the due day of a pending outcome.
    private static string SlotColumns()
    {
        var columns = new StringBuilder();
        for (var slot = 0; slot < CaseAssessmentRow.MaxSlots; slot++)
            columns.Append(CultureInfo.InvariantCulture, $",\n    {Slot(slot)}_on INTEGER, {Slot(slot)} INTEGER, {Slot(slot)}_due INTEGER");
        return columns.ToString();
    }
}
