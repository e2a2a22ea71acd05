using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// JSON Lines: one object per line, streamed; a line that is not a JSON object, nests deeper than the limit or is longer
/// than the limit is a problem row (a line over the length limit is not parsed, only its start is kept).
/// </summary>
internal static class JsonLinesRecordReader
{
    public static IEnumerable<FileRow> Read(string path, Encoding encoding, SourceLimits limits) => Lines(path, encoding, limits);

    private static IEnumerable<FileRow> Lines(string path, Encoding encoding, SourceLimits limits)
    {
        using var text = new StreamReader(FileRecordReaders.OpenRead(path), encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        var lines = new BoundedLineReader(text, limits.MaxRecordLength);
        var options = SourceJson.Options(limits);
        var number = 0L;
        while (lines.ReadLine() is { } read)
        {
            number++;
            var line = read.Text;
            if (!read.IsCut && string.IsNullOrWhiteSpace(line))
                continue;
            var position = string.Create(CultureInfo.InvariantCulture, $"line {number}");
            if (read.IsCut)
            {
                yield return new FileRow(position, new JsonObject { ["line"] = SourceText.Cut(line, read.Length) }, string.Create(CultureInfo.InvariantCulture,
                    $"the line is {read.Length:N0} characters long, over the limit of {limits.MaxRecordLength:N0} (rule: Hub:Limits:MaxRecordLength); it was not read"));
                continue;
            }

            var (node, error) = Parse(line, options, limits);
            if (node is JsonObject record)
                yield return new FileRow(position, record);
            else
                yield return new FileRow(position, new JsonObject { ["line"] = line },
                    error is null ? $"the line is {JsonRecordReader.Describe(node)}, not a JSON object" : $"the line is not valid JSON: {error}");
        }
    }

    private static (JsonNode? Node, string? Error) Parse(string line, JsonDocumentOptions options, SourceLimits limits)
    {
        try
        {
            return (JsonNode.Parse(line, documentOptions: options), null);
        }
        catch (JsonException ex)
        {
            return (null, SourceJson.Explain(ex, limits));
        }
    }
}
