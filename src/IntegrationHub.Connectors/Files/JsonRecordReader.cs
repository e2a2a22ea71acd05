using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// A JSON file: an array of records, or an object holding the array at a dotted path (<c>data.items</c>). The file is
/// parsed whole, so a syntax error anywhere fails the file before any record is read; huge exports suit JSON Lines better.
/// </summary>
internal static class JsonRecordReader
{
    public static IEnumerable<FileRow> Read(string path, string? recordsPath, Encoding encoding)
    {
        JsonNode? document;
        try
        {
            using var text = new StreamReader(FileRecordReaders.OpenRead(path), encoding, detectEncodingFromByteOrderMarks: true);
            document = JsonNode.Parse(text.ReadToEnd());
        }
        catch (JsonException ex)
        {
            throw new UnreadableFileException($"The file is not valid JSON: {ex.Message}", ex);
        }

        var array = Navigate(document, recordsPath) as JsonArray
            ?? throw new UnreadableFileException(recordsPath is null
                ? "The file is not a JSON array of records (set source.json.recordsPath when the records sit inside an object)."
                : $"The file has no array of records at '{recordsPath}'.");
        return Records(array);
    }

    private static JsonNode? Navigate(JsonNode? node, string? path)
    {
        if (path is null)
            return node;
        foreach (var segment in path.Split('.'))
            node = node is JsonObject obj && obj.TryGetPropertyValue(segment, out var child) ? child : null;
        return node;
    }

    private static IEnumerable<FileRow> Records(JsonArray array)
    {
        for (var i = 0; i < array.Count; i++)
        {
            var position = string.Create(CultureInfo.InvariantCulture, $"record {i + 1}");
            yield return array[i] is JsonObject record
                ? new FileRow(position, record.DeepClone().AsObject())
                : new FileRow(position, new JsonObject { ["value"] = array[i]?.DeepClone() },
                    $"the element is {Describe(array[i])}, not a JSON object");
        }
    }

    internal static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };
}
