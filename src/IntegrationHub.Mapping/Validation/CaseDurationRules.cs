using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Statutes;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Mapping.Validation;

/// <summary>
/// 办案期限: a penalty is decided within 90 days of 立案 (行政处罚法 Art. 60). Calendar days: Art. 85 turns only its
/// 2/3/5/7-day periods into working days. Suspended periods (中止) allowed by local rules are not in the record, so
/// this is a warning for a person to check, not an error.
/// </summary>
internal static class CaseDurationRules
{
    public const int MaxCalendarDays = EnforcementDuties.MaxCaseCalendarDays;

    public static IEnumerable<ValidationIssue> Check(JsonObject record, Func<string, string?> sourceFieldOf)
    {
        // For licensing "filed" is the day the application was accepted, which has its own (working-day) limit.
        if (CanonicalValues.Text(record, "category") != "penalty"
            || CanonicalValues.Date(record, "dates.filed") is not { } filed
            || CanonicalValues.Date(record, "dates.decided") is not { } decided)
            yield break;
        var days = EnforcementDuties.CaseDays(filed, decided);
        if (days <= MaxCalendarDays)
            yield break;

        const string field = "dates.decided";
        var (from, to) = (CanonicalValues.Iso(filed), CanonicalValues.Iso(decided));
        yield return ValidationIssue.Warning(field, sourceFieldOf(field), $"{from} → {to} ({days})", "case.duration-over-90-days",
            $"处罚决定日期（{to}）在立案日期（{from}）之后 {days} 日，超过《行政处罚法》第六十条规定的 {MaxCalendarDays} 日办案期限。",
            $"The penalty was decided on {to}, {days} days after the case was filed on {from}, which exceeds the {MaxCalendarDays}-day limit of Art. 60 of the Administrative Penalty Law.");
    }
}
