using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>
/// 撤回说明率: a withdrawn publication states its reason (行政处罚法 Art. 48); its 3-working-day timeliness is
/// <see cref="WithdrawalTimeliness"/>.
/// </summary>
internal sealed class WithdrawalReason : IIndicator
{
    public IndicatorDefinition Definition { get; } = new(IndicatorCodes.WithdrawalReason, "撤回公示说明率",
        "Withdrawn publications with a reason", "《行政处罚法》第四十八条");

    public DateOnly? PeriodDate(EnforcementAction action) => action.Publication?.WithdrawnOn;

    public CaseAssessment? Assess(EnforcementAction action, IndicatorContext context)
    {
        if (action.Publication is not { WithdrawnOn: { } withdrawn } publication)
            return null;
        return !string.IsNullOrWhiteSpace(publication.WithdrawalReason)
            ? CaseAssessment.Pass
            : CaseAssessment.Fail("publication.withdrawal-reason-missing",
                $"公示于 {IsoDay.Text(withdrawn)} 撤回，未说明原因。",
                $"The publication was withdrawn on {IsoDay.Text(withdrawn)} without a reason.");
    }
}
