using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>
/// 法制审核覆盖率: major decisions (the source marks legalReview.required from the agency's 法制审核事项清单) reviewed,
/// passed, and reviewed before the decision — on the same day counts, the record has no times. Simple-procedure
/// decisions are outside the review system and not counted.
/// </summary>
internal sealed class LegalReviewCoverage : IIndicator
{
    public IndicatorDefinition Definition { get; } = new(IndicatorCodes.LegalReview, "重大执法决定法制审核率",
        "Legal review of major decisions, passed and before the decision", "国办发〔2018〕118号; 《行政处罚法》第五十八条");

    public CaseAssessment? Assess(EnforcementAction action, IndicatorContext context)
    {
        if (action.LegalReview is not { Required: true } review || action.Procedure == Procedure.Simple
            || action.Dates.Decided is not { } decided)
            return null;
        var day = IsoDay.Text(decided);
        if (review.Date is not { } reviewed)
            return CaseAssessment.Fail("legal-review.missing", $"重大执法决定（{day}）未记录法制审核日期。",
                $"The major decision of {day} has no legal review date.");
        if (reviewed > decided)
            return CaseAssessment.Fail("legal-review.after-decision",
                $"法制审核（{IsoDay.Text(reviewed)}）晚于决定（{day}）。",
                $"The legal review of {IsoDay.Text(reviewed)} came after the decision of {day}.");
        return review.Passed switch
        {
            true => CaseAssessment.Pass,
            false => CaseAssessment.Fail("legal-review.not-passed", $"法制审核未通过，仍于 {day} 作出决定。",
                $"The decision of {day} was taken although the legal review did not pass."),
            null => CaseAssessment.Fail("legal-review.missing", "未记录法制审核结果。", "The legal review has no recorded outcome."),
        };
    }
}
