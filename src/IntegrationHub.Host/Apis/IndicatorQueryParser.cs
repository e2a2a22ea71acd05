using System.Globalization;
using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Indicators;
using IntegrationHub.Reporting;
using IntegrationHub.Reporting.Exports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis;

/// <summary>
/// The query parameters shared by the indicator endpoints, the 双公示 export and the dashboard, parsed into an
/// <see cref="IndicatorQuery"/>: region prefix, agency USCC, period (default: this year in China), as-of day (default:
/// today in China), format (json, csv, xlsx) and CSV encoding. A bad one is a problem naming it.
/// </summary>
internal static class IndicatorQueryParser
{
    public static ValidationProblem? Parse(string? region, string? agency, string? period, string? asOf, string? format, string? encoding,
        TimeProvider clock, out IndicatorQuery query)
    {
        var today = ChinaTime.Today(clock);
        query = new IndicatorQuery(null, null, ReportingPeriod.Year(today.Year), today);
        if (ApiProblems.ParseRegion(region, out var regionPrefix) is { } badRegion)
            return badRegion;
        if (ApiProblems.ParseAgency(agency, out var uscc) is { } badAgency)
            return badAgency;
        var reporting = query.Period;
        if (!string.IsNullOrEmpty(period) && !ReportingPeriod.TryParse(period, out reporting))
            return ApiProblems.Invalid("period", period, "period.format", "must be a year (2024), a quarter (2024-Q2) or a month (2024-05); it defaults to this year.");
        if (ParseDay("asOf", asOf, today, out var day) is { } badDay)
            return badDay;
        if (ApiProblems.ParseChoice("format", format, IndicatorQuery.Formats, IndicatorQuery.Json, out var chosenFormat) is { } badFormat)
            return badFormat;
        if (ApiProblems.ParseChoice("encoding", encoding, CsvExport.Encodings, CsvExport.Utf8, out var chosenEncoding) is { } badEncoding)
            return badEncoding;
        query = new IndicatorQuery(regionPrefix, uscc, reporting, day, chosenFormat, chosenEncoding);
        return null;
    }

    /// <summary>A month such as 2024-05 (its first day), <paramref name="defaultValue"/> when absent.</summary>
    public static ValidationProblem? ParseMonth(string parameter, string? raw, DateOnly defaultValue, out DateOnly month)
    {
        month = defaultValue;
        if (string.IsNullOrEmpty(raw))
            return null;
        if (ReportingPeriod.TryParse(raw, out var period) && period.Start.AddMonths(1).AddDays(-1) == period.End)
        {
            month = period.Start;
            return null;
        }

        return ApiProblems.Invalid(parameter, raw, "month.format", "must be a month such as 2024-05.");
    }

    private static ValidationProblem? ParseDay(string parameter, string? raw, DateOnly defaultValue, out DateOnly day)
    {
        day = defaultValue;
        if (string.IsNullOrEmpty(raw) || DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            return null;
        day = defaultValue;
        return ApiProblems.Invalid(parameter, raw, "asOf.format", "must be a date such as 2024-12-31 (China); it defaults to today.");
    }
}
