using System.Text.Json.Nodes;

namespace IntegrationHub.Cli.Api;

/// <summary>Why a record (or a definition) is not acceptable, in Chinese and English.</summary>
internal sealed record ValidationIssue
{
    /// <summary><c>error</c> or <c>warning</c>.</summary>
    public string? Severity { get; init; }
    public string? Field { get; init; }
    public string? SourceField { get; init; }
    public JsonNode? Value { get; init; }
    public string? Rule { get; init; }
    public string? MessageZh { get; init; }
    public string? MessageEn { get; init; }
}
