using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Connectors;

/// <summary>A connector configuration that cannot work, naming the connector, the setting and the rule.</summary>
public sealed class ConnectorConfigurationException(string connectorId, string setting, string problem)
    : Exception($"Connector '{connectorId}': {setting} {problem}")
{
    /// <summary>The rule of every problem found by a kind's own reading of its options (the schema's rules are <c>schema.*</c>).</summary>
    public const string Rule = "source.configuration";

    public string ConnectorId { get; } = connectorId;

    public string Setting { get; } = setting;

    public string Problem { get; } = problem;

    /// <summary>
    /// The problem as a validation issue: the setting, its value as written in <paramref name="maskedSource"/> (secrets
    /// already masked) and <see cref="Rule"/>. Registration and check answer with this same issue.
    /// </summary>
    public ValidationIssue ToIssue(JsonObject maskedSource)
    {
        ArgumentNullException.ThrowIfNull(maskedSource);
        var path = Setting.StartsWith("source.", StringComparison.Ordinal) ? Setting["source.".Length..] : null;
        var value = path is null ? null : ConnectorSpec.At(maskedSource, path) switch
        {
            null => null,
            JsonValue text when text.TryGetValue<string>(out var s) => s,
            var other => other.ToJsonString(),
        };
        return ValidationIssue.Error(Setting, null, value, Rule,
            $"连接器配置“{Setting}”有误：{Problem}",
            $"{Setting} {Problem}");
    }
}
