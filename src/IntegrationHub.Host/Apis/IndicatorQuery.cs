using System.Globalization;
using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Host.Apis.Exports;
using IntegrationHub.Indicators;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis;

/// <summary>
/// The query parameters shared by the indicator endpoints and the 双公示 export: region prefix, agency USCC, period
/// (default: this year in China), as-of day (default: today in China), format (json, csv, xlsx) and CSV encoding.
/// </summary>
internal sealed record IndicatorQuery(string? Region, string? Agency, ReportingPeriod Period, DateOnly AsOf, string Format, string Encoding)
{
    public const string Json = "json";

    private static readonly string[] Formats = [Json, TableExport.Csv, TableExport.Xlsx];

    public static ValidationProblem? Parse(string? region, string? agency, string? period, string? asOf, string? format, string? encoding,
        TimeProvider clock, out IndicatorQuery query)
    {
        var today = ChinaTime.Today(clock);
        query = new IndicatorQuery(null, null, ReportingPeriod.Year(today.Year), today, Json, CsvExport.Utf8);
        if (ApiProblems.ParseRegion(region, out var regionPrefix) is { } badRegion)
            return badRegion;
        if (ApiProblems.ParseAgency(agency, out var uscc) is { } badAgency)
            return badAgency;
        var reporting = query.Period;
        if (!string.IsNullOrEmpty(period) && !ReportingPeriod.TryParse(period, out reporting))
            return ApiProblems.Invalid("period", period, "period.format", "must be a year (2024), a quarter (2024-Q2) or a month (2024-05); it defaults to this year.");
        var day = today;
        if (!string.IsNullOrEmpty(asOf) && !DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            return ApiProblems.Invalid("asOf", asOf, "asOf.format", "must be a date such as 2024-12-31 (China); it defaults to today.");
        if (ApiProblems.ParseChoice("format", format, Formats, Json, out var chosenFormat) is { } badFormat)
            return badFormat;
        if (ApiProblems.ParseChoice("encoding", encoding, CsvExport.Encodings, CsvExport.Utf8, out var chosenEncoding) is { } badEncoding)
            return badEncoding;
        query = new IndicatorQuery(regionPrefix, uscc, reporting, day, chosenFormat, chosenEncoding);
        return null;
    }

    public IndicatorContext Context => new(WorkingDayCalendar.China, AsOf);

    public bool WantsFile => Format != Json;
}
