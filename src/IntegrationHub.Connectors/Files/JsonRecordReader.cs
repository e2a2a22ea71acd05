using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// A JSON file: an array of records, or an object holding the array at a dotted path (<c>data.items</c>). Streamed
/// twice with <see cref="Utf8JsonReader"/>: the first pass proves the whole file is valid JSON within the limits and that
/// the array is there, so a broken file fails before any record is read; the second hands out the elements one by one.
/// Memory holds one element at a time, never the file.
/// </summary>
internal static class JsonRecordReader
{
    public static IEnumerable<FileRow> Read(string path, string? recordsPath, Encoding encoding, SourceLimits limits)
    {
        var segments = recordsPath?.Split('.') ?? [];
        var scan = new JsonArrayScan(path, segments, encoding, limits);
        try
        {
            if (!scan.Validate())
            {
                throw new UnreadableFileException(recordsPath is null
                    ? "The file is not a JSON array of records (set source.json.recordsPath when the records sit inside an object)."
                    : $"The file has no array of records at '{recordsPath}'.");
            }
        }
        catch (JsonException ex)
        {
            throw new UnreadableFileException($"The file is not valid JSON: {SourceJson.Explain(ex, limits)}", ex);
        }

        return Records(scan);
    }

    private static IEnumerable<FileRow> Records(JsonArrayScan scan)
    {
        var index = 0L;
        foreach (var (element, error) in scan.Elements())
        {
            index++;
            var position = string.Create(CultureInfo.InvariantCulture, $"record {index}");
            if (error is not null)
                yield return new FileRow(position, new JsonObject { ["value"] = SourceText.Excerpt(error.Value.Raw) }, $"the element cannot be read as a record: {error.Value.Message}");
            else if (element is JsonObject record)
                yield return new FileRow(position, record);
            else
                yield return new FileRow(position, new JsonObject { ["value"] = element }, $"the element is {Describe(element)}, not a JSON object");
        }
    }

    internal static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Object => "an object",
        _ => "a boolean",
    };
}
