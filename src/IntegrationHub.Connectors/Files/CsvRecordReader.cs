using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// Delimited text, streamed: a row whose field count differs from the header's, with a stray quote, or with a field
/// over the length limit is returned with a problem and the fields that could be read. Positions are the file's line
/// numbers (line 1 = the first line). A header naming more columns than <see cref="SourceLimits.MaxFields"/> makes the
/// file unreadable as a whole.
/// </summary>
internal static class CsvRecordReader
{
    public static IEnumerable<FileRow> Read(string path, CsvFormatOptions options, Encoding encoding, SourceLimits limits) =>
        Rows(path, options, encoding, limits);

    private static IEnumerable<FileRow> Rows(string path, CsvFormatOptions options, Encoding encoding, SourceLimits limits)
    {
        using var text = new StreamReader(FileRecordReaders.OpenRead(path), encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        for (var i = 0; i < options.SkipLines; i++)
        {
            if (text.ReadLine() is null)
                yield break;
        }

        var parser = new DelimitedTextParser(text, options.Delimiter[0], options.Quote, options.SkipLines + 1, limits);
        var columns = options.Header ? null : options.Columns?.ToArray();
        string[]? numbered = null;
        while (parser.Next() is { } record)
        {
            var fields = record.Fields;
            if (columns is null && options.Header)
            {
                if (record.FieldCount > limits.MaxFields)
                {
                    throw new UnreadableFileException(string.Create(CultureInfo.InvariantCulture,
                        $"The header (line {record.Line}) names {record.FieldCount:N0} columns, over the limit of {limits.MaxFields:N0} (rule: Hub:Limits:MaxFields)."));
                }

                columns = HeaderNames(fields);
                continue;
            }

            var names = columns ?? Numbered(ref numbered, Math.Min(record.FieldCount, limits.MaxFields));
            var data = new JsonObject();
            var count = Math.Min(names.Length, fields.Length);
            for (var i = 0; i < count; i++)
                data[names[i]] = fields[i].Length == 0 ? null : fields[i];

            var problem = record.Problem ?? (record.FieldCount != names.Length
                ? $"the row has {record.FieldCount} field(s) but the header names {names.Length} column(s)"
                : null);
            foreach (var (field, length) in record.TooLong)
            {
                var name = field <= names.Length ? names[field - 1] : string.Create(CultureInfo.InvariantCulture, $"column{field}");
                var reason = SourceText.TooLong(SourceText.Excerpt(name), length, fields[field - 1], limits.MaxFieldLength);
                problem = problem is null ? reason : $"{problem}; {reason}";
                if (field <= count)
                    data[name] = SourceText.Cut(fields[field - 1], length);
            }

            yield return new FileRow(string.Create(CultureInfo.InvariantCulture, $"row {record.Line}"), data, problem);
        }
    }

    /// <summary><c>column1</c> … <c>columnN</c>, grown as rows need (a file without header and without configured names).</summary>
    private static string[] Numbered(ref string[]? numbered, int count)
    {
        if (numbered is null || numbered.Length != count)
            numbered = [.. Enumerable.Range(1, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"column{i}"))];
        return numbered;
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
