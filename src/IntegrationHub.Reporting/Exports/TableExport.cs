namespace IntegrationHub.Reporting.Exports;

/// <summary>The file formats of every exported table: CSV (UTF-8 with BOM, or GBK) and XLSX.</summary>
public static class TableExport
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";

    public static ExportFile File(ExportTable table, string format, string encoding) =>
        format == Xlsx ? XlsxExport.File(table) : CsvExport.File(table, encoding);
}
