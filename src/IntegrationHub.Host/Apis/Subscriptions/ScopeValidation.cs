using IntegrationHub.Canonical.Identifiers;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Apis.Subscriptions;

/// <summary>Checks the values of a scope or filter; each problem names the field, the value and the rule.</summary>
public static class ScopeValidation
{
    public static IReadOnlyList<string> Categories => ActionCategoryNames.All;

    public static IReadOnlyList<string> EventTypes { get; } = ["created", "updated", "withdrawn", "deleted"];

    public static IReadOnlyList<(string Field, string Value, string Rule, string Message)> Check(string name, FeedScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var problems = new List<(string, string, string, string)>();
        for (var i = 0; i < scope.Regions.Count; i++)
        {
            var region = scope.Regions[i];
            if (region.Length is < 1 or > 12 || !region.All(char.IsAsciiDigit))
                problems.Add(($"{name}.regions[{i}]", region, "region.format", "must be the digits of a region code or its prefix, such as 44 or 440300 (at most 12 digits)."));
        }

        for (var i = 0; i < scope.Agencies.Count; i++)
        {
            var agency = scope.Agencies[i];
            var check = UnifiedSocialCreditCode.Check(agency);
            if (!check.IsValid)
                problems.Add(($"{name}.agencies[{i}]", agency, check.Rule, check.ReasonEn));
        }

        AddUnknown(problems, $"{name}.categories", scope.Categories, Categories, "category.known");
        AddUnknown(problems, $"{name}.eventTypes", scope.EventTypes, EventTypes, "eventType.known");
        return problems;
    }

    private static void AddUnknown(List<(string, string, string, string)> problems, string field, IReadOnlyList<string> values, IReadOnlyList<string> known, string rule)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!known.Contains(values[i], StringComparer.Ordinal))
                problems.Add(($"{field}[{i}]", values[i], rule, $"must be one of {string.Join(", ", known)}."));
        }
    }
}
