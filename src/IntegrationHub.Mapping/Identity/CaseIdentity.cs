using IntegrationHub.Canonical.Model;
using IntegrationHub.Mapping.Engine;

namespace IntegrationHub.Mapping.Identity;

/// <summary>
/// Which real-world case a record describes. Identity = enforcing agency USCC + the decision document number (or, when
/// there is none, the case number), both normalized so that 〔2023〕/[2023]/（2023） and full-width characters agree.
/// Fallback when the agency USCC or both numbers are missing: the source record is its own case
/// (<c>source:{connector}:{sourceKey}</c>); such records are never merged, because nothing proves two are the same case.
/// </summary>
public static class CaseIdentity
{
    public static string Of(EnforcementAction record, string connectorId, string sourceKey)
    {
        var agency = Normalize(record.Agency.Uscc);
        var decision = Normalize(record.DecisionNumber);
        var caseNumber = Normalize(record.CaseNumber);
        if (agency is null || (decision is null && caseNumber is null))
            return $"source:{connectorId}:{sourceKey}";
        return decision is not null ? $"decision:{agency}:{decision}" : $"case:{agency}:{caseNumber}";
    }

    private static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        return TextNormalizer.NormalizeDocumentNumber(TextNormalizer.ToHalfWidth(value)).ToUpperInvariant();
    }
}
