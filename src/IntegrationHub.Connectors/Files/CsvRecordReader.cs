using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// Delimited text: a row whose field count differs from the header's, or with a stray quote, is returned with a
/// problem and the fields that could be read. Positions are the file's line numbers (line 1 = the first line).
/// </summary>
internal static class CsvRecordReader
{
    public static IEnumerable<FileRow> Read(string path, CsvFormatOptions options, Encoding encoding) => Rows(path, options, encoding);

    private static IEnumerable<FileRow> Rows(string path, CsvFormatOptions options, Encoding encoding)
    {
        using var text = new StreamReader(FileRecordReaders.OpenRead(path), encoding, detectEncodingFromByteOrderMarks: true);
        for (var i = 0; i < options.SkipLines; i++)
        {
            if (text.ReadLine() is null)
                yield break;
        }

        var parser = new DelimitedTextParser(text, options.Delimiter[0], options.Quote, options.SkipLines + 1);
        var columns = options.Header ? null : options.Columns?.ToArray();
        while (parser.Next() is { } record)
        {
            var fields = record.Fields;
            if (columns is null && options.Header)
            {
                columns = HeaderNames(fields);
                continue;
            }

            var names = columns ?? [.. Enumerable.Range(1, fields.Length).Select(i => $"column{i}")];
            var data = new JsonObject();
            for (var i = 0; i < Math.Min(names.Length, fields.Length); i++)
                data[names[i]] = fields[i].Length == 0 ? null : fields[i];

            var problem = record.Problem ?? (fields.Length != names.Length
                ? $"the row has {fields.Length} field(s) but the header names {names.Length} column(s)"
                : null);
            yield return new FileRow(string.Create(CultureInfo.InvariantCulture, $"row {record.Line}"), data, problem);
        }
    }

    /// <summary>Trimmed names; a blank header becomes <c>columnN</c>, a repeated one gets <c>_2</c>, <c>_3</c> ….</summary>
    private static string[] HeaderNames(string[] fields)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new string[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var name = fields[i].Trim().TrimStart('\uFEFF');
            if (name.Length == 0)
                name = string.Create(CultureInfo.InvariantCulture, $"column{i + 1}");
            var unique = name;
            for (var n = 2; !seen.Add(unique); n++)
                unique = string.Create(CultureInfo.InvariantCulture, $"{name}_{n}");
            names[i] = unique;
        }

        return names;
    }
}
