using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Statutes;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>双人持证执法率: actions taken by officers in person name at least two distinct certificate numbers.</summary>
internal sealed class CertifiedOfficers : IIndicator
{
    public IndicatorDefinition Definition { get; } = new(IndicatorCodes.TwoCertifiedOfficers, "双人持证执法率",
        "At least two certified officers", "《行政处罚法》第四十二条; 案卷评查否决项");

    public CaseAssessment? Assess(EnforcementAction action, IndicatorContext context)
    {
        if (!EnforcementDuties.NeedsCertifiedOfficers(action.Category))
            return null;
        var certified = EnforcementDuties.CertifiedOfficerCount(action.Officers.Select(o => o.CertificateNumber));
        return certified >= EnforcementDuties.MinimumCertifiedOfficers
            ? CaseAssessment.Pass
            : CaseAssessment.Fail("officers.fewer-than-two",
                $"执法人员 {action.Officers.Count} 名，其中持证 {certified} 名，少于 {EnforcementDuties.MinimumCertifiedOfficers} 名。",
                $"{action.Officers.Count} officers, {certified} with a certificate number: fewer than {EnforcementDuties.MinimumCertifiedOfficers}.");
    }
}
