using System.Globalization;
using ClosedXML.Excel;

namespace IntegrationHub.Reporting.Exports;

/// <summary>
/// An <see cref="ExportTable"/> as one XLSX worksheet with a bold, frozen header row. Every text cell is a string cell
/// (never a formula), neutralized like the CSV (<see cref="SpreadsheetText"/>) so that copying it elsewhere is safe too.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Excel limits sheet names to 31 characters.
    private const int MaxSheetName = 31;

    public static ExportFile File(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new ExportFile(Bytes(table), ContentType, table.Name + ".xlsx");
    }

    public static byte[] Bytes(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(table.Name.Length > MaxSheetName ? table.Name[..MaxSheetName] : table.Name);
        for (var column = 0; column < table.Header.Count; column++)
        {
            sheet.Cell(1, column + 1).SetValue(SpreadsheetText.Neutralize(table.Header[column]));
            sheet.Cell(1, column + 1).Style.Font.Bold = true;
        }

        for (var row = 0; row < table.Rows.Count; row++)
        {
            var cells = table.Rows[row];
            for (var column = 0; column < cells.Count; column++)
            {
                if (cells[column] is not { } text)
                    continue;
                var cell = sheet.Cell(row + 2, column + 1);
                if (table.NumericColumns.Contains(table.Header[column])
                    && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    cell.SetValue(number);
                else
                    cell.SetValue(SpreadsheetText.Neutralize(text));
            }
        }

        sheet.SheetView.FreezeRows(1);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
