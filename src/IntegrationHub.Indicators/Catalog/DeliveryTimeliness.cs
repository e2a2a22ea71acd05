using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>
/// 送达及时率: penalty decisions served within 7 working days, the due day in time (行政处罚法 Art. 61, 85). An unserved
/// decision counts once its deadline has passed.
/// </summary>
internal sealed class DeliveryTimeliness : DeadlineIndicator
{
    public override IndicatorDefinition Definition { get; } = new(IndicatorCodes.DeliveryTimeliness, "送达及时率",
        "Penalty decisions served within 7 working days", "《行政处罚法》第六十一条、第八十五条");

    protected override Deadline? DeadlineOf(EnforcementAction action, WorkingDayCalendar calendar) =>
        action.Category == ActionCategory.Penalty && action.Dates.Decided is { } decided ? PublicationDeadline.ForService(decided, calendar) : null;

    protected override DateOnly? DoneOn(EnforcementAction action) => action.Dates.Delivered;

    protected override CaseAssessment Failure(EnforcementAction action, Deadline deadline, DateOnly? done, WorkingDayCalendar calendar)
    {
        var (from, due) = (IsoDay.Text(deadline.Start), IsoDay.Text(deadline.Due));
        return done is not { } delivered
            ? CaseAssessment.Fail("delivery.missing", $"决定日期 {from}，送达期限 {due} 已过，未记录送达。",
                $"Decided on {from}; the service deadline of {due} has passed and no service is recorded.")
            : CaseAssessment.Fail("delivery.late", $"决定日期 {from}，于 {IsoDay.Text(delivered)} 送达，晚于期限 {due}。",
                $"Decided on {from}, served on {IsoDay.Text(delivered)}, after the deadline of {due}.");
    }
}
