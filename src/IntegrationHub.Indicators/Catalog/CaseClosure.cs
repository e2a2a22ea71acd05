using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>结案率: cases filed in the period that are closed; placed in the period by their filing date.</summary>
internal sealed class CaseClosure : IIndicator
{
    public IndicatorDefinition Definition { get; } = new(IndicatorCodes.CaseClosure, "结案率", "Filed cases closed", "执法考核 (结案率 ≥ 90%)");

    public DateOnly? PeriodDate(EnforcementAction action) => action.Dates.Filed;

    public CaseAssessment? Assess(EnforcementAction action, IndicatorContext context)
    {
        if (action.Dates.Filed is not { } filed)
            return null;
        return action.Dates.Closed is not null
            ? CaseAssessment.Pass
            : CaseAssessment.Fail("case.not-closed", $"{IsoDay.Text(filed)} 立案，尚未结案。",
                $"Filed on {IsoDay.Text(filed)} and not closed.");
    }
}
