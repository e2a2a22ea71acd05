using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Statutes;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Mapping.Validation;

/// <summary>
/// 行政执法公示: licensing and penalty decisions are published within 7 working days of the decision, other decisions
/// within 20 (国办发〔2018〕118号); a withdrawn publication states its reason and a changed or revoked penalty is withdrawn within 3 working days (行政处罚法 Art. 48). Published on the due
/// day is in time. A record not (yet) published is not judged: without a clock there is no "today" to be late by.
/// </summary>
internal static class PublicationRules
{
    public static IEnumerable<ValidationIssue> Check(JsonObject record, Func<string, string?> sourceFieldOf, WorkingDayCalendar calendar)
    {
        if (CanonicalValues.Date(record, "dates.decided") is { } decided
            && CanonicalValues.Date(record, "publication.publishedOn") is { } published)
        {
            var deadline = CanonicalValues.Category(record) is { } category && EnforcementDuties.IsPermitOrPenalty(category)
                ? PublicationDeadline.ForPermitOrPenalty(decided, calendar)
                : PublicationDeadline.ForOtherDecision(decided, calendar);
            if (!deadline.IsMetBy(published))
            {
                const string field = "publication.publishedOn";
                var (on, from, due) = (CanonicalValues.Iso(published), CanonicalValues.Iso(decided), CanonicalValues.Iso(deadline.Due));
                var late = calendar.WorkingDaysBetween(decided, published);
                yield return ValidationIssue.Warning(field, sourceFieldOf(field), on, "publication.late",
                    $"公示日期（{on}）是决定日期（{from}）后第 {late} 个工作日，晚于 {deadline.WorkingDays} 个工作日的公示期限（{due}）{DeadlineNote.Zh(deadline)}。",
                    $"The decision of {from} was published on {on}, working day {late} after it, later than the {deadline.WorkingDays}-working-day deadline of {due}{DeadlineNote.En(deadline)}.");
            }
        }

        if (CanonicalValues.Category(record) == ActionCategory.Penalty
            && CanonicalValues.Date(record, "publication.changedOn") is { } changed
            && CanonicalValues.Date(record, "publication.withdrawnOn") is { } taken
            && PublicationDeadline.ForWithdrawal(changed, calendar) is var withdrawal && !withdrawal.IsMetBy(taken))
        {
            const string field = "publication.withdrawnOn";
            var (on, from, due) = (CanonicalValues.Iso(taken), CanonicalValues.Iso(changed), CanonicalValues.Iso(withdrawal.Due));
            yield return ValidationIssue.Warning(field, sourceFieldOf(field), on, "publication.withdrawal-late",
                $"处罚决定于 {from} 变更或撤销，公示于 {on} 才撤回，晚于 {withdrawal.WorkingDays} 个工作日的撤回期限（{due}）{DeadlineNote.Zh(withdrawal)}。",
                $"The penalty was changed or revoked on {from} but its publication was withdrawn only on {on}, later than the {withdrawal.WorkingDays}-working-day deadline of {due}{DeadlineNote.En(withdrawal)}.");
        }

        if (CanonicalValues.Date(record, "publication.withdrawnOn") is { } withdrawn && !CanonicalValues.Has(record, "publication.withdrawalReason"))
        {
            const string field = "publication.withdrawalReason";
            var on = CanonicalValues.Iso(withdrawn);
            yield return ValidationIssue.Warning(field, sourceFieldOf(field), on, "publication.withdrawal-reason-missing",
                $"公示已于 {on} 撤回，但未说明撤回原因（《行政处罚法》第四十八条要求公布原因）。",
                $"The publication was withdrawn on {on} without a reason, although Art. 48 of the Administrative Penalty Law requires the reason to be published.");
        }
    }
}
