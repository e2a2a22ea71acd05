using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Identifiers;
using IntegrationHub.Canonical.Validation;
using IntegrationHub.Mapping.Engine;

namespace IntegrationHub.Mapping.Validation;

/// <summary>The checksums and shapes of DOMAIN.md §3, applied to every identifier in a mapped record.</summary>
internal static class IdentifierRules
{
    public static IEnumerable<ValidationIssue> Check(JsonObject record, Func<string, string?> sourceFieldOf)
    {
        if (record["agency"] is JsonObject agency)
        {
            foreach (var issue in One(agency, "uscc", "agency.uscc", UnifiedSocialCreditCode.Check, sourceFieldOf))
                yield return issue;
            foreach (var issue in One(agency, "regionCode", "agency.regionCode", RegionCode.Check, sourceFieldOf))
                yield return issue;
        }

        if (record["counterparts"] is not JsonArray counterparts)
            yield break;
        for (var i = 0; i < counterparts.Count; i++)
        {
            if (counterparts[i] is not JsonObject party)
                continue;
            foreach (var issue in One(party, "uscc", $"counterparts[{i}].uscc", UnifiedSocialCreditCode.Check, sourceFieldOf))
                yield return issue;
            if (SourceFields.Text(party["idType"]) == "residentIdCard")
            {
                foreach (var issue in One(party, "idNumber", $"counterparts[{i}].idNumber", ResidentIdNumber.Check, sourceFieldOf))
                    yield return issue;
            }
        }
    }

    private static IEnumerable<ValidationIssue> One(JsonObject parent, string property, string field,
        Func<string, IdentifierCheckResult> check, Func<string, string?> sourceFieldOf)
    {
        if (SourceFields.Text(parent[property]) is not { } value)
            yield break;
        var result = check(value);
        var shown = field.EndsWith("idNumber", StringComparison.Ordinal) ? Mask(value) : value;
        switch (result.Verdict)
        {
            case IdentifierVerdict.Invalid:
                yield return ValidationIssue.Error(field, sourceFieldOf(field), shown, result.Rule, result.ReasonZh, result.ReasonEn);
                break;
            case IdentifierVerdict.Flagged:
                yield return ValidationIssue.Warning(field, sourceFieldOf(field), shown, result.Rule, result.ReasonZh, result.ReasonEn);
                break;
        }
    }

    /// <summary>Personal ID numbers never reach quarantine reasons or logs in full.</summary>
    private static string Mask(string value) =>
        value.Length > 10 ? string.Concat(value.AsSpan(0, 6), new string('*', value.Length - 10), value.AsSpan(value.Length - 4)) : "********";
}
