using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Rest;

/// <summary>
/// A simple dotted path into a JSON document: <c>data.items</c>, <c>$.data.items</c>, <c>data.pages.0</c>; <c>$</c> or
/// empty is the document itself. Enough for where records and cursors sit in departmental APIs, without a JSONPath engine.
/// </summary>
public sealed class ResponsePath
{
    private readonly string[] _segments;

    private ResponsePath(string text, string[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public static ResponsePath Root { get; } = new("$", []);

    /// <summary>The path as configured.</summary>
    public string Text { get; }

    public bool IsRoot => _segments.Length == 0;

    public static ResponsePath Parse(string? text)
    {
        var trimmed = (text ?? "").Trim();
        var body = trimmed switch
        {
            "" or "$" => "",
            _ when trimmed.StartsWith("$.", StringComparison.Ordinal) => trimmed[2..],
            _ => trimmed,
        };
        if (body.Length == 0)
            return Root;
        var segments = body.Split('.');
        if (segments.Any(s => s.Length == 0))
            throw new FormatException($"'{text}' is not a dotted path (an empty segment between dots).");
        return new ResponsePath(trimmed, segments);
    }

    /// <summary>The node at the path, or null when a segment is missing (or the value is JSON null).</summary>
    public JsonNode? Select(JsonNode? document)
    {
        var node = document;
        foreach (var segment in _segments)
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                _ => null,
            };
            if (node is null)
                return null;
        }

        return node;
    }

    public override string ToString() => Text;
}
