using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis.Exports;

/// <summary>
/// RFC 4180 CSV of an <see cref="ExportTable"/>, in UTF-8 with a byte-order mark (what Excel needs to read Chinese) or in
/// GBK (GB18030, code page 54936) for the provincial systems that still expect it.
/// </summary>
internal static class CsvExport
{
    public const string Utf8 = "utf-8";
    public const string Gbk = "gbk";

    public static IReadOnlyList<string> Encodings { get; } = [Utf8, Gbk];

    public static FileContentHttpResult File(ExportTable table, string encoding)
    {
        var text = Text(table);
        var bytes = encoding == Gbk
            ? Gb18030().GetBytes(text)
            : [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
        return TypedResults.File(bytes, $"text/csv; charset={(encoding == Gbk ? "gb18030" : "utf-8")}", table.Name + ".csv");
    }

    public static string Text(ExportTable table)
    {
        var csv = new StringBuilder();
        AppendRow(csv, table.Header);
        foreach (var row in table.Rows)
            AppendRow(csv, row);
        return csv.ToString();
    }

    private static void AppendRow(StringBuilder csv, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
                csv.Append(',');
            var cell = cells[i] ?? "";
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
