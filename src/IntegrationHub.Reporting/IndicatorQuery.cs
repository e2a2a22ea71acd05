using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Indicators;
using IntegrationHub.Reporting.Exports;

namespace IntegrationHub.Reporting;

/// <summary>
/// What a report, drill-down or export is asked for: region prefix, agency USCC, period, as-of day (China date), and for
/// a file its format (json, csv, xlsx) and CSV encoding. The API and the dashboard parse their parameters into it.
/// </summary>
public sealed record IndicatorQuery(string? Region, string? Agency, ReportingPeriod Period, DateOnly AsOf, string Format = IndicatorQuery.Json,
    string Encoding = CsvExport.Utf8)
{
    public const string Json = "json";

    public static IReadOnlyList<string> Formats { get; } = [Json, TableExport.Csv, TableExport.Xlsx];

    public IndicatorContext Context => new(WorkingDayCalendar.China, AsOf);

    public bool WantsFile => Format != Json;
}
