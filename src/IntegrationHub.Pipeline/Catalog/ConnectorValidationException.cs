using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Pipeline.Catalog;

/// <summary>A connector definition the hub cannot accept; every issue names the setting, the value and the rule.</summary>
public sealed class ConnectorValidationException(IReadOnlyList<ValidationIssue> issues)
    : Exception(string.Join(" ", issues.Select(i => i.MessageEn)))
{
    public IReadOnlyList<ValidationIssue> Issues { get; } = issues;

    public static ConnectorValidationException Single(string field, string? value, string rule, string messageEn, string messageZh) =>
        new([ValidationIssue.Error(field, null, value, rule, messageZh, messageEn)]);
}
