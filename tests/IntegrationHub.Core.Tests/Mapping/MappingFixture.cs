using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Mapping.Definition;
using IntegrationHub.Mapping.Engine;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary>
/// Mappings written in the tests as the JSON a department would write, so each test reads like the mapping file it
/// stands for. Every mapping is keyed by the source field "id", and every raw record built here carries one.
/// </summary>
internal static class MappingFixture
{
    public const string KeyField = "id";

    /// <summary>A mapping document around the given <c>fields</c> (and <c>codeLists</c>) objects.</summary>
    public static MappingDefinition Parse(string fields, string codeLists = "{}") =>
        MappingDefinition.Parse($$"""{ "version": 1, "sourceKey": "{{KeyField}}", "codeLists": {{codeLists}}, "fields": {{fields}} }""");

    public static MappedRecord Map(string fields, JsonObject raw, string codeLists = "{}") =>
        new MappingEngine(Parse(fields, codeLists)).Map(raw);

    /// <summary>Maps a record with a single rule, <c>{"target": rule}</c>.</summary>
    public static MappedRecord MapRule(string target, string rule, JsonObject raw, string codeLists = "{}") =>
        Map($$"""{ "{{target}}": {{rule}} }""", raw, codeLists);

    /// <summary>A raw record from JSON text, with a key.</summary>
    public static JsonObject Raw(string json)
    {
        var raw = JsonNode.Parse(json)!.AsObject();
        raw.TryAdd(KeyField, "1");
        return raw;
    }

    /// <summary>A raw record with a key and one text field (absent when <paramref name="value"/> is null).</summary>
    public static JsonObject Raw(string field, string? value)
    {
        var raw = new JsonObject { [KeyField] = "1" };
        if (value is not null)
            raw[field] = value;
        return raw;
    }

    /// <summary>The node at a path such as <c>penalties[1].type</c> in mapped output; null when there is none.</summary>
    public static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var step in path.Split('.'))
        {
            var bracket = step.IndexOf('[', StringComparison.Ordinal);
            node = node is JsonObject obj && obj.TryGetPropertyValue(bracket < 0 ? step : step[..bracket], out var child) ? child : null;
            if (bracket >= 0)
            {
                var index = int.Parse(step[(bracket + 1)..^1], CultureInfo.InvariantCulture);
                node = node is JsonArray array && index < array.Count ? array[index] : null;
            }
        }

        return node;
    }

    /// <summary>The value written at <paramref name="path"/> as compact JSON (Chinese unescaped), or null when there is none.</summary>
    public static string? JsonAt(MappedRecord mapped, string path) => At(mapped.Output, path)?.ToJsonString(CanonicalJson.Options);

    /// <summary>The whole mapped output as compact JSON (Chinese unescaped).</summary>
    public static string OutputJson(MappedRecord mapped) => mapped.Output.ToJsonString(CanonicalJson.Options);
}
