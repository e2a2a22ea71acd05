using System.Globalization;
using System.Text.Json.Nodes;
using ClosedXML.Excel;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// One sheet of an Excel workbook. Numbers stay numbers (whole numbers as integers), dates become <c>yyyy-MM-dd</c> (or
/// ISO date-time when they have a time), booleans stay booleans. A value in a column without a header is a problem.
/// The workbook is loaded whole (ClosedXML), so very large sheets are better exported as CSV.
/// </summary>
internal static class XlsxRecordReader
{
    public static IEnumerable<FileRow> Read(string path, XlsxFormatOptions options)
    {
        XLWorkbook workbook;
        try
        {
            using var stream = FileRecordReaders.OpenRead(path);
            workbook = new XLWorkbook(stream);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or IOException or UnauthorizedAccessException))
        {
            throw new UnreadableFileException($"The file is not a readable XLSX workbook ({ex.GetType().Name}: {ex.Message}).", ex);
        }

        IXLWorksheet sheet;
        if (options.SheetName is { } name)
        {
            sheet = workbook.Worksheets.TryGetWorksheet(name, out var named)
                ? named
                : throw Fail(workbook, $"The workbook has no sheet named '{name}' (sheets: {string.Join(", ", workbook.Worksheets.Select(w => w.Name))}).");
        }
        else
        {
            sheet = options.SheetIndex <= workbook.Worksheets.Count
                ? workbook.Worksheet(options.SheetIndex)
                : throw Fail(workbook, $"The workbook has {workbook.Worksheets.Count} sheet(s); sheet {options.SheetIndex} does not exist.");
        }

        return Rows(workbook, sheet, options.HeaderRow);
    }

    private static UnreadableFileException Fail(XLWorkbook workbook, string reason)
    {
        workbook.Dispose();
        return new UnreadableFileException(reason);
    }

    private static IEnumerable<FileRow> Rows(XLWorkbook workbook, IXLWorksheet sheet, int headerRow)
    {
        using var owned = workbook;
        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 0;
        var lastColumn = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
        var header = new Dictionary<int, string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var column = 1; column <= lastColumn; column++)
        {
            var text = sheet.Cell(headerRow, column).GetString().Trim();
            if (text.Length == 0)
                continue;
            var unique = text;
            for (var n = 2; !seen.Add(unique); n++)
                unique = string.Create(CultureInfo.InvariantCulture, $"{text}_{n}");
            header[column] = unique;
        }

        for (var rowNumber = headerRow + 1; rowNumber <= lastRow; rowNumber++)
        {
            var row = sheet.Row(rowNumber);
            if (row.IsEmpty())
                continue;
            var data = new JsonObject();
            foreach (var (column, name) in header)
                data[name] = ValueOf(row.Cell(column));
            var stray = row.CellsUsed().Where(c => !header.ContainsKey(c.Address.ColumnNumber) && !c.IsEmpty()).Select(c => c.Address.ToString()).ToList();
            var problem = stray.Count == 0
                ? null
                : $"cell(s) {string.Join(", ", stray)} hold a value in a column without a header";
            yield return new FileRow(string.Create(CultureInfo.InvariantCulture, $"row {rowNumber}"), data, problem);
        }
    }

    private static JsonNode? ValueOf(IXLCell cell)
    {
        if (cell.IsEmpty())
            return null;
        return cell.DataType switch
        {
            XLDataType.Number => Number(cell.GetDouble()),
            XLDataType.Boolean => JsonValue.Create(cell.GetBoolean()),
            XLDataType.DateTime => JsonValue.Create(Date(cell.GetDateTime())),
            XLDataType.TimeSpan => JsonValue.Create(cell.GetTimeSpan().ToString("c", CultureInfo.InvariantCulture)),
            _ => cell.GetString() is { Length: > 0 } text ? JsonValue.Create(text) : null,
        };
    }

    /// <summary>Whole numbers as integers (an id typed into Excel), others as decimals (amounts).</summary>
    private static JsonValue Number(double value) =>
        Math.Abs(value) < 9_007_199_254_740_992d && value == Math.Floor(value)
            ? JsonValue.Create((long)value)
            : JsonValue.Create(decimal.TryParse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (decimal)value);

    private static string Date(DateTime value) => value.TimeOfDay == TimeSpan.Zero
        ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : value.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
