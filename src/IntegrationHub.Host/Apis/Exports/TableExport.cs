using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis.Exports;

/// <summary>The file formats of every exported table: CSV (UTF-8 with BOM, or GBK) and XLSX.</summary>
internal static class TableExport
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";

    public static FileContentHttpResult File(ExportTable table, string format, string encoding) =>
        format == Xlsx ? XlsxExport.File(table) : CsvExport.File(table, encoding);
}
