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

    public CaseAssessment? Assess(EnforcementAction action, IndicatorContext context)
    {
        if (action.Category != ActionCategory.Penalty || action.Dates.Decided is not { } decided)
            return null;
        var deadline = PublicationDeadline.ForService(decided, context.Calendar);
        var (from, due) = (IsoDay.Text(decided), IsoDay.Text(deadline.Due));
        if (action.Dates.Delivered is not { } delivered)
        {
            return context.AsOf <= deadline.Due
                ? null
                : CaseAssessment.Fail("delivery.missing", $"决定日期 {from}，送达期限 {due} 已过，未记录送达。",
                    $"Decided on {from}; the service deadline of {due} has passed and no service is recorded.");
        }

        return deadline.IsMetBy(delivered)
            ? CaseAssessment.Pass
            : CaseAssessment.Fail("delivery.late", $"决定日期 {from}，于 {IsoDay.Text(delivered)} 送达，晚于期限 {due}。",
                $"Decided on {from}, served on {IsoDay.Text(delivered)}, after the deadline of {due}.");
    }
}
