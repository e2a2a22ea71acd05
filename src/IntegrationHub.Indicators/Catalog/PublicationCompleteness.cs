using System.Runtime.CompilerServices;
using IntegrationHub.Canonical.Model;
using IntegrationHub.CreditPublicity;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>
/// 公示要素完整率: published penalty and licensing decisions whose 双公示 rows pass the export check (required fields,
/// code lists, USCC and ID check characters). The same check decides what the 双公示 export leaves out.
/// </summary>
internal sealed class PublicationCompleteness : IIndicator
{
    public IndicatorDefinition Definition { get; } = new(IndicatorCodes.PublicationCompleteness, "公示要素完整率",
        "Published decisions with complete, valid 双公示 fields", "双公示数据标准 (发改办财金〔2018〕424号); GB 32100, GB 11643");

    // The check does not depend on the as-of day and costs more than all other indicators together (docs/benchmarks.md):
    // kept per record instance, so reports over the same cached cases check each record once.
    private static readonly ConditionalWeakTable<EnforcementAction, CaseAssessment> Checked = new();

    public CaseAssessment? Assess(EnforcementAction action, IndicatorContext context)
    {
        if (action.Publication?.PublishedOn is null || action.Category is not (ActionCategory.Penalty or ActionCategory.Licensing))
            return null;
        return Checked.GetValue(action, Check);
    }

    private static CaseAssessment Check(EnforcementAction action)
    {
        var problems = CreditRecordMapper.Map("", action).SelectMany(CreditRecordCheck.Check).ToList();
        if (problems.Count == 0)
            return CaseAssessment.Pass;
        return CaseAssessment.Fail("publication.incomplete",
            string.Join("；", problems.Select(p => p.MessageZh).Distinct()),
            string.Join("; ", problems.Select(p => $"{p.Field}: {p.Rule}").Distinct()));
    }
}
