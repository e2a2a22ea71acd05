using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Mapping.Validation;

/// <summary>
/// 送达: a penalty decision not handed over on the spot is served within 7 working days (行政处罚法 Art. 61 and 85);
/// served on the due day is in time.
/// </summary>
internal static class DeliveryRules
{
    public static IEnumerable<ValidationIssue> Check(JsonObject record, Func<string, string?> sourceFieldOf, WorkingDayCalendar calendar)
    {
        // Art. 61 is a rule of the penalty law; other categories have their own service periods.
        if (CanonicalValues.Text(record, "category") != "penalty"
            || CanonicalValues.Date(record, "dates.decided") is not { } decided
            || CanonicalValues.Date(record, "dates.delivered") is not { } delivered)
            yield break;
        var deadline = PublicationDeadline.ForService(decided, calendar);
        if (deadline.IsMetBy(delivered))
            yield break;

        const string field = "dates.delivered";
        var (on, from, due) = (CanonicalValues.Iso(delivered), CanonicalValues.Iso(decided), CanonicalValues.Iso(deadline.Due));
        yield return ValidationIssue.Warning(field, sourceFieldOf(field), on, "delivery.late",
            $"处罚决定书于 {on} 送达，晚于决定日期（{from}）后 {deadline.WorkingDays} 个工作日的送达期限（{due}）{DeadlineNote.Zh(deadline)}。",
            $"The decision of {from} was delivered on {on}, later than the {deadline.WorkingDays}-working-day deadline of {due} (Art. 61 of the Administrative Penalty Law){DeadlineNote.En(deadline)}.");
    }
}
