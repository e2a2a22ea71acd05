using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Mapping.Validation;

/// <summary>
/// 罚没金额 of confiscations: reported "only when determinable" (DOMAIN.md §2.3), so a confiscation without an amount
/// is stored with a flag; a fine without an amount is a schema error.
/// </summary>
internal static class PenaltyAmountRules
{
    private static readonly Dictionary<string, (string Zh, string En)> Confiscations = new(StringComparer.Ordinal)
    {
        ["confiscationOfIllegalGains"] = ("没收违法所得", "confiscation of illegal gains"),
        ["confiscationOfIllegalProperty"] = ("没收非法财物", "confiscation of illegal property"),
    };

    public static IEnumerable<ValidationIssue> Check(JsonObject record, Func<string, string?> sourceFieldOf)
    {
        foreach (var (index, penalty) in CanonicalValues.Items(record, "penalties"))
        {
            if (CanonicalValues.Text(penalty, "type") is not { } type
                || !Confiscations.TryGetValue(type, out var name)
                || CanonicalValues.Number(penalty["amountYuan"]) is not null)
                continue;
            var field = $"penalties[{index}].amountYuan";
            yield return ValidationIssue.Warning(field, sourceFieldOf(field), type, "penalty.amount-missing",
                $"处罚种类“{name.Zh}”未填写金额，罚没金额统计将不包括该项。",
                $"The penalty \"{name.En}\" has no amount, so it is left out of the totals of fines and confiscations.");
        }
    }
}
