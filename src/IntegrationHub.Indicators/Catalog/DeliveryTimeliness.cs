using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>
/// 送达及时率: penalty decisions served within 7 working days, the due day in time (行政处罚法 Art. 61, 85). An unserved
/// decision counts once its deadline has passed.
/// </summary>
internal sealed class DeliveryTimeliness : IIndicator
{
    public IndicatorDefinition Definition { get; } = new(IndicatorCodes.DeliveryTimeliness, "送达及时率",
        "Penalty decisions served within 7 working days", "《行政处罚法》第六十一条、第八十五条");

    public CaseStanding Standing(EnforcementAction action, WorkingDayCalendar calendar)
    {
        if (action.Category != ActionCategory.Penalty || action.Dates.Decided is not { } decided)
            return CaseStanding.Outside;
        var deadline = PublicationDeadline.ForService(decided, calendar);
        if (action.Dates.Delivered is not { } delivered)
            return CaseStanding.PendingUntil(deadline.Due);
        return deadline.IsMetBy(delivered) ? CaseStanding.Met : CaseStanding.Failed;
    }

    public CaseAssessment? Assess(EnforcementAction action, IndicatorContext context)
    {
        switch (Standing(action, context.Calendar).On(context.AsOf))
        {
            case CaseOutcome.Outside:
                return null;
            case CaseOutcome.Met:
                return CaseAssessment.Pass;
        }

        var decided = action.Dates.Decided!.Value;
        var (from, due) = (IsoDay.Text(decided), IsoDay.Text(PublicationDeadline.ForService(decided, context.Calendar).Due));
        return action.Dates.Delivered is not { } delivered
            ? CaseAssessment.Fail("delivery.missing", $"决定日期 {from}，送达期限 {due} 已过，未记录送达。",
                $"Decided on {from}; the service deadline of {due} has passed and no service is recorded.")
            : CaseAssessment.Fail("delivery.late", $"决定日期 {from}，于 {IsoDay.Text(delivered)} 送达，晚于期限 {due}。",
                $"Decided on {from}, served on {IsoDay.Text(delivered)}, after the deadline of {due}.");
    }
}
