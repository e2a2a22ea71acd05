using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>
/// 撤回及时率: a published penalty that is changed, revoked, or confirmed unlawful or void has its publication withdrawn
/// within 3 working days of that change, the due day in time (行政处罚法 Art. 48, 85). Placed in the period by the change
/// date; a publication not yet withdrawn counts once the deadline has passed.
/// </summary>
internal sealed class WithdrawalTimeliness : DeadlineIndicator
{
    public override IndicatorDefinition Definition { get; } = new(IndicatorCodes.WithdrawalTimeliness, "撤回及时率",
        "Publications of changed or revoked penalties withdrawn within 3 working days", "《行政处罚法》第四十八条、第八十五条");

    public override DateOnly? PeriodDate(EnforcementAction action) => action.Publication?.ChangedOn;

    // Only a publication that was online when the decision changed has to be taken down.
    protected override Deadline? DeadlineOf(EnforcementAction action, WorkingDayCalendar calendar) =>
        action.Category == ActionCategory.Penalty && action.Publication is { ChangedOn: { } changed, PublishedOn: { } published } && published <= changed
            ? PublicationDeadline.ForWithdrawal(changed, calendar)
            : null;

    protected override DateOnly? DoneOn(EnforcementAction action) => action.Publication?.WithdrawnOn;

    protected override CaseAssessment Failure(EnforcementAction action, Deadline deadline, DateOnly? done, WorkingDayCalendar calendar)
    {
        var (from, due) = (IsoDay.Text(deadline.Start), IsoDay.Text(deadline.Due));
        return done is not { } withdrawn
            ? CaseAssessment.Fail("publication.withdrawal-missing", $"处罚决定于 {from} 变更或撤销，撤回期限 {due} 已过，公示仍未撤回。",
                $"The penalty was changed or revoked on {from}; the withdrawal deadline of {due} has passed and the publication is still online.")
            : CaseAssessment.Fail("publication.withdrawal-late",
                $"处罚决定于 {from} 变更或撤销，公示于 {IsoDay.Text(withdrawn)} 撤回，晚于期限 {due}。",
                $"The penalty was changed or revoked on {from}; its publication was withdrawn on {IsoDay.Text(withdrawn)}, after the deadline of {due}.");
    }
}
