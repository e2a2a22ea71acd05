using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Mapping.Engine;

/// <summary>Reads fields of a raw source record: a name as it is first, then a dotted path into nested JSON.</summary>
public static class SourceFields
{
    public static JsonNode? Find(JsonObject record, string name)
    {
        if (record.TryGetPropertyValue(name, out var direct))
            return direct;
        if (!name.Contains('.', StringComparison.Ordinal) && !name.Contains('[', StringComparison.Ordinal))
            return null;

        JsonNode? current = record;
        foreach (var part in name.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var property = bracket < 0 ? part : part[..bracket];
            current = current is JsonObject obj && obj.TryGetPropertyValue(property, out var child) ? child : null;
            if (bracket >= 0)
            {
                current = current is JsonArray array && part.EndsWith(']')
                    && int.TryParse(part[(bracket + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count
                    ? array[index]
                    : null;
            }
            if (current is null)
                return null;
        }

        return current;
    }

    /// <summary>The text of a scalar field; null when missing, JSON null or blank.</summary>
    public static string? Text(JsonNode? node)
    {
        var text = node switch
        {
            null => null,
            JsonValue value => value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Null => null,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => value.ToJsonString(),
            },
            _ => node.ToJsonString(),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    public static string? Text(JsonObject record, string name) => Text(Find(record, name));
}
