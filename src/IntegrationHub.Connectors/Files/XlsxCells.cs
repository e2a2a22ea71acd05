using System.Globalization;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Spreadsheet;

namespace IntegrationHub.Connectors.Files;

/// <summary>The values of a sheet row's cells by column number, typed as the cell's type and number format say.</summary>
internal sealed class XlsxCells(SharedStringTable strings, XlsxCellKind[] styles)
{
    /// <summary>Column number → value of every cell that holds one (empty cells are left out).</summary>
    public SortedDictionary<int, JsonNode?> Read(Row row)
    {
        var values = new SortedDictionary<int, JsonNode?>();
        var column = 0;
        foreach (var cell in row.Elements<Cell>())
        {
            column = cell.CellReference?.Value is { } reference ? Column(reference) : column + 1;
            if (Value(cell) is { } value)
                values[column] = value;
        }

        return values;
    }

    private JsonNode? Value(Cell cell)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
            return cell.InlineString is { } inline && SharedStringTable.TextOf(inline) is { Length: > 0 } text ? JsonValue.Create(text) : null;
        if (raw is null)
            return null;
        if (type == CellValues.SharedString)
        {
            var index = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                ? i
                : throw new UnreadableFileException($"Cell {cell.CellReference?.Value} points to shared string '{raw}', which is not a number.");
            return strings[index] is { Length: > 0 } shared ? JsonValue.Create(shared) : null;
        }

        if (type == CellValues.Boolean)
            return JsonValue.Create(raw is "1" or "true");
        if (type == CellValues.String || type == CellValues.Error)
            return raw.Length == 0 ? null : JsonValue.Create(raw);
        if (type == CellValues.Date)
        {
            return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date)
                ? JsonValue.Create(Date(date))
                : JsonValue.Create(raw);
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            return raw.Length == 0 ? null : JsonValue.Create(raw);
        var kind = cell.StyleIndex?.Value is { } style && style < styles.Length ? styles[style] : XlsxCellKind.Number;
        return kind switch
        {
            XlsxCellKind.DateTime when number is > -657435 and < 2958466 => JsonValue.Create(Date(DateTime.FromOADate(number))),
            XlsxCellKind.TimeSpan when Math.Abs(number) < 10_000_000 => JsonValue.Create(TimeSpan.FromMilliseconds(Math.Round(number * 86_400_000)).ToString("c", CultureInfo.InvariantCulture)),
            XlsxCellKind.Text => JsonValue.Create(raw),
            _ => Number(number),
        };
    }

    /// <summary>The column number of a reference such as <c>AB12</c> (A = 1).</summary>
    public static int Column(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
                break;
            column = Math.Min(column * 26 + (c - 'A' + 1), 1 << 20);
        }

        return column;
    }

    /// <summary>The reference of a cell, <c>C2</c>.</summary>
    public static string Address(int column, int row)
    {
        var letters = "";
        for (var c = column; c > 0; c = (c - 1) / 26)
            letters = (char)('A' + ((c - 1) % 26)) + letters;
        return string.Create(CultureInfo.InvariantCulture, $"{letters}{row}");
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
