using System.Text.Json.Nodes;

namespace IntegrationHub.Mapping.Definition;

/// <summary>
/// A parsed mapping document (docs/mapping.md): how one source system's records become canonical records.
/// Parsing checks the whole document and names the offending key, so a broken mapping fails at registration,
/// not record by record.
/// </summary>
public sealed record MappingDefinition
{
    public required int Version { get; init; }
    public required IReadOnlyList<string> SourceKey { get; init; }
    public string? SourceVersion { get; init; }
    public required IReadOnlyList<FieldRule> Fields { get; init; }

    /// <summary>
    /// The SHA-256 of the mapping document as parsed (every rule, code list and the version): two mappings with the same
    /// fingerprint map every record alike. Null for a mapping built in code, which then never vouches for a stored result.
    /// </summary>
    public string? Fingerprint { get; init; }

    /// <summary>
    /// The top-level source fields the mapping reads (key, version, every rule's sources and conditions): the fields whose
    /// disappearance from a source makes the mapping silently map nothing.
    /// </summary>
    public IReadOnlySet<string> SourceFieldsUsed => field ??= Fields
        .SelectMany(rule => rule.From
            .Concat(rule.When is { } when ? [when.Field] : [])
            .Concat(rule.Template is { } template ? TemplateFields(template) : []))
        .Concat(SourceKey)
        .Concat(SourceVersion is null ? [] : [SourceVersion])
        .Select(TopLevel)
        .Where(name => name.Length > 0)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The field names between braces of a template: <c>"{年度}-{序号}"</c> reads 年度 and 序号.</summary>
    private static IEnumerable<string> TemplateFields(string template)
    {
        for (var open = template.IndexOf('{', StringComparison.Ordinal); open >= 0; open = template.IndexOf('{', open + 1))
        {
            var close = template.IndexOf('}', open + 1);
            if (close < 0)
                yield break;
            yield return template[(open + 1)..close];
        }
    }

    private static string TopLevel(string path)
    {
        var end = path.IndexOfAny(['.', '[']);
        return end < 0 ? path : path[..end];
    }

    /// <summary>Parses a mapping document (comments and trailing commas allowed); a problem names its key.</summary>
    public static MappingDefinition Parse(string json) => MappingDefinitionParser.Parse(json);

    public static MappingDefinition Parse(JsonObject root) => MappingDefinitionParser.Parse(root);
}
