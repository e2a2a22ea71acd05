using System.Globalization;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// One sheet of an Excel workbook, streamed row by row with the Open XML SDK's <see cref="OpenXmlReader"/>: memory holds
/// one row and the shared strings (which spill to disk when large), never the sheet. Numbers stay numbers (whole numbers
/// as integers), dates become <c>yyyy-MM-dd</c> (or ISO date-time when they have a time), booleans stay booleans. A
/// value in a column without a header is a problem.
/// </summary>
internal static class XlsxRecordReader
{
    private const int MaxStrayCellsNamed = 10;

    public static IEnumerable<FileRow> Read(string path, XlsxFormatOptions options, SourceLimits limits)
    {
        var workbook = XlsxWorkbook.Open(path, options, limits);
        return Rows(workbook, options.HeaderRow, limits);
    }

    private static IEnumerable<FileRow> Rows(XlsxWorkbook workbook, int headerRow, SourceLimits limits)
    {
        using var owned = workbook;
        using var sheet = workbook.Open(workbook.Sheet);
        using var reader = new TypedOpenXmlPartReader(sheet, default(OpenXmlPartReaderOptions));
        var cells = new XlsxCells(workbook.Strings, workbook.Styles);
        Dictionary<int, string>? header = null;
        var lastRow = 0;
        // LoadCurrentElement moves the reader past the row: read on only when nothing was loaded.
        var more = reader.Read();
        while (more && !reader.EOF)
        {
            if (!(reader.IsStartElement && reader.ElementType == typeof(Row)))
            {
                more = reader.Read();
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            var number = row.RowIndex?.Value is { } index ? (int)index : lastRow + 1;
            lastRow = number;
            if (number < headerRow)
                continue;
            var values = cells.Read(row);
            if (number == headerRow)
            {
                header = Header(values, limits);
                continue;
            }

            if (values.Count == 0)
                continue;
            header ??= [];
            var data = new JsonObject();
            foreach (var (column, name) in header)
                data[name] = values.TryGetValue(column, out var value) ? value : null;
            var stray = values.Keys.Where(c => !header.ContainsKey(c)).Order().Select(c => XlsxCells.Address(c, number)).ToList();
            var problem = stray.Count == 0
                ? null
                : $"cell(s) {string.Join(", ", stray.Take(MaxStrayCellsNamed))}{(stray.Count > MaxStrayCellsNamed ? $" and {stray.Count - MaxStrayCellsNamed} more" : "")} hold a value in a column without a header";
            yield return new FileRow(string.Create(CultureInfo.InvariantCulture, $"row {number}"), data, problem);
        }
    }

    /// <summary>Trimmed texts of the header row by column; blanks are no column, a repeated name gets <c>_2</c>, <c>_3</c> ….</summary>
    private static Dictionary<int, string> Header(SortedDictionary<int, JsonNode?> values, SourceLimits limits)
    {
        if (values.Count > limits.MaxFields)
        {
            throw new UnreadableFileException(string.Create(CultureInfo.InvariantCulture,
                $"The header row names {values.Count:N0} columns, over the limit of {limits.MaxFields:N0} (rule: Hub:Limits:MaxFields)."));
        }

        var header = new Dictionary<int, string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (column, value) in values)
        {
            var text = (value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "").Trim();
            if (text.Length == 0)
                continue;
            var unique = text;
            for (var n = 2; !seen.Add(unique); n++)
                unique = string.Create(CultureInfo.InvariantCulture, $"{text}_{n}");
            header[column] = unique;
        }

        return header;
    }
}
