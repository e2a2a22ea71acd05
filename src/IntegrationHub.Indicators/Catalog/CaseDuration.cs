using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Statutes;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>办案期限合规率: penalties decided within 90 calendar days of 立案; cases without a filing date are not counted.</summary>
internal sealed class CaseDuration : IIndicator
{
    public IndicatorDefinition Definition { get; } = new(IndicatorCodes.CaseDuration, "办案期限合规率",
        "Penalties decided within 90 days of filing", "《行政处罚法》第六十条");

    public CaseAssessment? Assess(EnforcementAction action, IndicatorContext context)
    {
        if (action.Category != ActionCategory.Penalty || action.Dates.Filed is not { } filed || action.Dates.Decided is not { } decided)
            return null;
        var days = EnforcementDuties.CaseDays(filed, decided);
        return days <= EnforcementDuties.MaxCaseCalendarDays
            ? CaseAssessment.Pass
            : CaseAssessment.Fail("case.duration-over-90-days",
                $"立案 {IsoDay.Text(filed)} 至决定 {IsoDay.Text(decided)} 共 {days} 日，超过 {EnforcementDuties.MaxCaseCalendarDays} 日。",
                $"Filed {IsoDay.Text(filed)}, decided {IsoDay.Text(decided)}: {days} days, over {EnforcementDuties.MaxCaseCalendarDays}.");
    }
}
