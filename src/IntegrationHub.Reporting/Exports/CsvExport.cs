using System.Globalization;
using System.Text;

namespace IntegrationHub.Reporting.Exports;

/// <summary>
/// RFC 4180 CSV of an <see cref="ExportTable"/>, in UTF-8 with a byte-order mark (what Excel needs to read Chinese) or in
/// GBK (GB18030, code page 54936) for the provincial systems that still expect it. Text cells that a spreadsheet would
/// read as a formula are neutralized (<see cref="SpreadsheetText"/>).
/// </summary>
public static class CsvExport
{
    public const string Utf8 = "utf-8";
    public const string Gbk = "gbk";

    public static IReadOnlyList<string> Encodings { get; } = [Utf8, Gbk];

    public static ExportFile File(ExportTable table, string encoding)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = Text(table);
        var bytes = encoding == Gbk
            ? Gb18030().GetBytes(text)
            : [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
        return new ExportFile(bytes, $"text/csv; charset={(encoding == Gbk ? "gb18030" : "utf-8")}", table.Name + ".csv");
    }

    public static string Text(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var numeric = table.Header.Select(h => table.NumericColumns.Contains(h)).ToArray();
        var csv = new StringBuilder();
        AppendRow(csv, table.Header, new bool[table.Header.Count]);
        foreach (var row in table.Rows)
            AppendRow(csv, row, numeric);
        return csv.ToString();
    }

    private static void AppendRow(StringBuilder csv, IReadOnlyList<string?> cells, bool[] numeric)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
                csv.Append(',');
            var cell = cells[i] ?? "";
            // A number the hub wrote (a negative one included) stays a number; anything else is text.
            if (!(i < numeric.Length && numeric[i] && decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                cell = SpreadsheetText.Neutralize(cell);
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                csv.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else
                csv.Append(cell);
        }

        csv.Append("\r\n");
    }

    private static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    }
}
