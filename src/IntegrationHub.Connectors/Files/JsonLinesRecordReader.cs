using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Files;

/// <summary>JSON Lines: one object per line, read as a stream; a line that is not a JSON object is a problem row.</summary>
internal static class JsonLinesRecordReader
{
    public static IEnumerable<FileRow> Read(string path, Encoding encoding) => Lines(path, encoding);

    private static IEnumerable<FileRow> Lines(string path, Encoding encoding)
    {
        using var text = new StreamReader(FileRecordReaders.OpenRead(path), encoding, detectEncodingFromByteOrderMarks: true);
        var number = 0;
        while (text.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var position = string.Create(CultureInfo.InvariantCulture, $"line {number}");
            var (node, error) = Parse(line);
            if (node is JsonObject record)
                yield return new FileRow(position, record);
            else
                yield return new FileRow(position, new JsonObject { ["line"] = line },
                    error is null ? $"the line is {JsonRecordReader.Describe(node)}, not a JSON object" : $"the line is not valid JSON: {error}");
        }
    }

    private static (JsonNode? Node, string? Error) Parse(string line)
    {
        try
        {
            return (JsonNode.Parse(line), null);
        }
        catch (JsonException ex)
        {
            return (null, ex.Message);
        }
    }
}
