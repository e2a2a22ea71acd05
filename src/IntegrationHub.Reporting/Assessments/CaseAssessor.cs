using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Indicators;
using IntegrationHub.Store.Assessments;

namespace IntegrationHub.Reporting.Assessments;

/// <summary>
/// Turns a golden record into its narrow row: the unit reports select it by, and for every indicator of the catalog (in
/// order, one slot each) the day that places it in a period and its standing on every as-of day. The only place that
/// parses canonical JSON for the indicator figures.
/// </summary>
public static class CaseAssessor
{
    public static IReadOnlyList<IIndicator> Indicators => IndicatorCatalog.All;

    /// <summary>Every live record assessed, in parallel (parsing and the 双公示 check cost more than the database).</summary>
    public static IReadOnlyList<CaseAssessmentRow> Assess(IReadOnlyList<LiveRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.AsParallel().AsOrdered().Select(r => Row(new IndicatorCase(r.Id, Parse(r)))).ToList();
    }

    /// <summary>The records as cases, parsed in parallel, in the order given.</summary>
    public static IReadOnlyList<IndicatorCase> Parse(IReadOnlyList<LiveRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.AsParallel().AsOrdered().Select(r => new IndicatorCase(r.Id, Parse(r))).ToList();
    }

    public static CaseAssessmentRow Row(IndicatorCase item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var action = item.Action;
        var slots = new SlotStanding?[Indicators.Count];
        for (var i = 0; i < slots.Length; i++)
        {
            var indicator = Indicators[i];
            var standing = indicator.Standing(action, WorkingDayCalendar.China);
            if (standing.Outcome == CaseOutcome.Outside || indicator.PeriodDate(action) is not { } day)
                continue;
            slots[i] = new SlotStanding(AssessmentDays.Of(day), (byte)standing.Outcome, standing.Due is { } due ? AssessmentDays.Of(due) : null);
        }

        var agency = action.Agency;
        return new CaseAssessmentRow(item.Id, new AssessmentUnitKey(agency.Uscc, agency.Name, agency.RegionCode, action.Category.WireName()), slots);
    }

    private static Canonical.Model.EnforcementAction Parse(LiveRecord record)
    {
        try
        {
            return CanonicalJson.Deserialize(record.Content);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidOperationException($"Golden record {record.Id} cannot be read as an enforcement action: {ex.Message}", ex);
        }
    }
}
