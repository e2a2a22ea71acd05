using System.Text.Json.Nodes;

namespace IntegrationHub.Mapping.Definition;

/// <summary>How one canonical field is produced from a source record.</summary>
public sealed record FieldRule
{
    public required TargetPath Target { get; init; }
    public IReadOnlyList<string> From { get; init; } = [];
    public JsonNode? Const { get; init; }
    public JsonNode? Default { get; init; }
    public string? Template { get; init; }
    public Condition? When { get; init; }
    public IReadOnlyList<TextOperation> Text { get; init; } = [];
    public IReadOnlyList<string> Split { get; init; } = [];
    public CodeMap? Code { get; init; }
    public IReadOnlyList<string> DateFormats { get; init; } = [];
    public NumberRule? Number { get; init; }
    public BoolWords? Bool { get; init; }
    public string? Item { get; init; }

    /// <summary>The source field named in reasons: the first <c>from</c> field, or the template.</summary>
    public string? SourceField => From.Count > 0 ? From[0] : Template;
}
