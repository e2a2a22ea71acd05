using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Mapping.Validation;

/// <summary>Dates that cannot be in this order in a real case: a decision before the filing, a delivery before the decision …</summary>
internal static class DateOrderRules
{
    private static readonly (string Earlier, string EarlierZh, string Later, string LaterZh)[] Orders =
    [
        ("dates.filed", "立案日期", "dates.decided", "决定日期"),
        ("dates.decided", "决定日期", "dates.delivered", "送达日期"),
        ("dates.filed", "立案日期", "dates.closed", "结案日期"),
        ("dates.decided", "决定日期", "dates.closed", "结案日期"),
        ("dates.decided", "决定日期", "publication.publishedOn", "公示日期"),
        ("publication.publishedOn", "公示日期", "publication.withdrawnOn", "撤回日期"),
        ("dates.decided", "决定日期", "publication.changedOn", "变更/撤销日期"),
    ];

    public static IEnumerable<ValidationIssue> Check(JsonObject record, Func<string, string?> sourceFieldOf)
    {
        foreach (var (earlier, earlierZh, later, laterZh) in Orders)
        {
            if (CanonicalValues.Date(record, earlier) is not { } first || CanonicalValues.Date(record, later) is not { } second || first <= second)
                continue;
            var value = $"{first:yyyy-MM-dd} > {second:yyyy-MM-dd}";
            yield return ValidationIssue.Error(later, sourceFieldOf(later), second.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "dates.order",
                $"{laterZh}（{second:yyyy-MM-dd}）早于{earlierZh}（{first:yyyy-MM-dd}），日期顺序不可能成立。",
                $"{later} ({second:yyyy-MM-dd}) is before {earlier} ({first:yyyy-MM-dd}): {value} is impossible.");
        }
    }
}
