using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Statutes;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Mapping.Validation;

/// <summary>
/// 双人持证执法: at least two officers holding enforcement certificates (行政处罚法 Art. 42; fewer is a veto item of
/// 案卷评查), and every officer named with a 执法证号.
/// </summary>
internal static class OfficerRules
{
    public const int MinimumCertifiedOfficers = EnforcementDuties.MinimumCertifiedOfficers;

    public static IEnumerable<ValidationIssue> Check(JsonObject record, Func<string, string?> sourceFieldOf)
    {
        var officers = CanonicalValues.Items(record, "officers").ToList();
        foreach (var (index, officer) in officers)
        {
            if (CanonicalValues.Has(officer, "certificateNumber"))
                continue;
            var field = $"officers[{index}].certificateNumber";
            var name = CanonicalValues.Text(officer, "name") ?? "?";
            yield return ValidationIssue.Warning(field, sourceFieldOf(field), name, "officers.certificate-missing",
                $"执法人员“{name}”没有执法证号，无法确认其持证执法。",
                $"Officer {name} has no enforcement certificate number, so it cannot be shown that the officer holds a certificate.");
        }

        if (CanonicalValues.Category(record) is not { } category || !EnforcementDuties.NeedsCertifiedOfficers(category))
            yield break;
        var certified = EnforcementDuties.CertifiedOfficerCount(officers.Select(o => CanonicalValues.Text(o.Item, "certificateNumber")));
        if (certified >= MinimumCertifiedOfficers)
            yield break;

        const string fieldAll = "officers";
        var value = $"{officers.Count} officers, {certified} with certificate";
        yield return ValidationIssue.Warning(fieldAll, sourceFieldOf(fieldAll), value, "officers.fewer-than-two",
            $"记录的执法人员共 {officers.Count} 名，其中持有执法证号的 {certified} 名，少于法定的 {MinimumCertifiedOfficers} 名持证执法人员。",
            $"The record names {officers.Count} officers of whom {certified} have a certificate number, fewer than the {MinimumCertifiedOfficers} certified officers the law requires.");
    }
}
