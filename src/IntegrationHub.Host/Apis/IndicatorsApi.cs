using System.Security.Claims;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Security;
using IntegrationHub.Indicators;
using IntegrationHub.Reporting;
using IntegrationHub.Reporting.Assessments;
using IntegrationHub.Reporting.Exports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis;

/// <summary>
/// 三项制度 compliance indicators for supervisors (docs/indicators.md): figures per agency and region, the failing cases,
/// monthly trends and the ranking of agencies below the target. Adapters over <see cref="IndicatorReports"/>.
/// </summary>
public static class IndicatorsApi
{
    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("indicators")
            .WithTags("Indicators")
            .RequireAuthorization(HubPolicies.RecordsReader);

        api.MapGet("/", GetReport)
            .WithName("GetIndicators")
            .WithSummary("Compliance indicators per agency and region")
            .WithDescription("Every indicator of docs/indicators.md for the agencies of the region prefix (or one agency) in a period (2024, 2024-Q2, 2024-05) as of a day (asOf, default today), rolled up county → prefecture → province, with each unit's target and the region's 面上达标率. format=csv or xlsx for a file (CSV encoding=utf-8 with BOM, or gbk). 503 while the stored assessments are rebuilt.");

        api.MapGet("/{code}/cases", GetFailingCases)
            .WithName("GetIndicatorCases")
            .WithSummary("The cases that fail an indicator")
            .WithDescription("The drill-down of a figure: each case of the selection and period that fails the indicator, with the rule and the reason. format=csv or xlsx for a file.");

        api.MapGet("/trend", GetTrend)
            .WithName("GetIndicatorTrend")
            .WithSummary("One unit's figure month by month")
            .WithDescription("For an agency (agency=USCC) or a region (region of 2, 4 or 6 digits: province, prefecture, county), the figure of one indicator (indicator=code) or overall (default) in every month from `from` to `to` (yyyy-MM; default the 36 months up to this month, at most 120): each month is what the monthly report says for the unit. format=csv or xlsx for a file.");

        api.MapGet("/ranking", GetRanking)
            .WithName("GetIndicatorRanking")
            .WithSummary("Agencies ranked by how far they are below the target")
            .WithDescription("The agencies of the selection and period ranked by gap = target − rate on one indicator (indicator=code) or overall (default), largest first; casesShort = how many more cases (overall: indicators) would have to meet it to reach the target. format=csv or xlsx for a file.");

        return app;
    }

    public static async Task<Results<Ok<IndicatorReport>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetReport(
        string? region, string? agency, string? period, string? asOf, string? format, string? encoding,
        IndicatorReports reports, ClaimsPrincipal user, CallerAccess callers, TimeProvider clock, CancellationToken ct)
    {
        if (IndicatorQueryParser.Parse(region, agency, period, asOf, format, encoding, clock, out var query) is { } invalid)
            return invalid;
        try
        {
            var report = await reports.ReportAsync(query, await ScopeAsync(user, callers, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            return query.WantsFile ? File(IndicatorTables.Report(report), query) : TypedResults.Ok(report);
        }
        catch (AssessmentsNotReadyException notReady)
        {
            return NotReady(notReady);
        }
    }

    public static async Task<Results<Ok<IndicatorCases>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetFailingCases(
        string code, string? region, string? agency, string? period, string? asOf, string? format, string? encoding,
        IndicatorReports reports, ClaimsPrincipal user, CallerAccess callers, TimeProvider clock, CancellationToken ct)
    {
        if (IndicatorCatalog.Find(code) is not { } indicator)
            return ApiProblems.NotFound("indicator", "code", code);
        if (IndicatorQueryParser.Parse(region, agency, period, asOf, format, encoding, clock, out var query) is { } invalid)
            return invalid;
        try
        {
            var failures = await reports.FailuresAsync(indicator.Definition.Code, query, await ScopeAsync(user, callers, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            return query.WantsFile
                ? File(IndicatorTables.Failures(indicator.Definition.Code, query.Period.Code, failures), query)
                : TypedResults.Ok(new IndicatorCases(indicator.Definition.Code, query.Period.Code, query.AsOf, failures.Count, failures));
        }
        catch (AssessmentsNotReadyException notReady)
        {
            return NotReady(notReady);
        }
    }

    public static async Task<Results<Ok<IndicatorTrend>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetTrend(
        string? region, string? agency, string? indicator, string? from, string? to, string? asOf, string? format, string? encoding,
        IndicatorReports reports, ClaimsPrincipal user, CallerAccess callers, TimeProvider clock, CancellationToken ct)
    {
        if (IndicatorQueryParser.Parse(region, agency, null, asOf, format, encoding, clock, out var query) is { } invalid)
            return invalid;
        if (IndicatorReports.TrendUnit(query.Region, query.Agency) is null)
        {
            return ApiProblems.Invalid(query.Region is null ? "agency" : "region", query.Region, "trend.unit",
                "must name the unit of the trend: an agency (agency=USCC) or a region of 2, 4 or 6 digits (region=44, 4403, 440305).");
        }

        if (ParseIndicator(indicator, out var code) is { } badIndicator)
            return badIndicator;
        var thisMonth = new DateOnly(query.AsOf.Year, query.AsOf.Month, 1);
        if (IndicatorQueryParser.ParseMonth("to", to, thisMonth, out var last) is { } badTo)
            return badTo;
        if (IndicatorQueryParser.ParseMonth("from", from, last.AddMonths(-35), out var first) is { } badFrom)
            return badFrom;
        var months = (last.Year - first.Year) * 12 + last.Month - first.Month + 1;
        if (months is < 1 or > IndicatorReports.MaxTrendMonths)
            return ApiProblems.Invalid("from", from, "trend.months", $"must be a month at most {IndicatorReports.MaxTrendMonths} months before `to`, and not after it.");
        try
        {
            var trend = await reports.TrendAsync(query, await ScopeAsync(user, callers, ct).ConfigureAwait(false), code, first, last, ct).ConfigureAwait(false);
            return query.WantsFile ? File(IndicatorTables.Trend(trend), query) : TypedResults.Ok(trend);
        }
        catch (AssessmentsNotReadyException notReady)
        {
            return NotReady(notReady);
        }
    }

    public static async Task<Results<Ok<IndicatorRanking>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetRanking(
        string? region, string? agency, string? indicator, string? period, string? asOf, string? format, string? encoding,
        IndicatorReports reports, ClaimsPrincipal user, CallerAccess callers, TimeProvider clock, CancellationToken ct)
    {
        if (IndicatorQueryParser.Parse(region, agency, period, asOf, format, encoding, clock, out var query) is { } invalid)
            return invalid;
        if (ParseIndicator(indicator, out var code) is { } badIndicator)
            return badIndicator;
        try
        {
            var ranking = await reports.RankingAsync(query, await ScopeAsync(user, callers, ct).ConfigureAwait(false), code, ct).ConfigureAwait(false);
            return query.WantsFile ? File(IndicatorTables.Ranking(ranking), query) : TypedResults.Ok(ranking);
        }
        catch (AssessmentsNotReadyException notReady)
        {
            return NotReady(notReady);
        }
    }

    /// <summary>The file of an export as the response (the dashboard sends the same).</summary>
    internal static FileContentHttpResult File(ExportTable table, IndicatorQuery query) => Send(TableExport.File(table, query.Format, query.Encoding));

    internal static FileContentHttpResult Send(ExportFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return TypedResults.File(file.Bytes, file.ContentType, file.FileName);
    }

    // A subscriber's figures cover its scope only (invariant 7); null = its scope and filter exclude each other.
    private static async Task<Store.Model.FeedScope?> ScopeAsync(ClaimsPrincipal user, CallerAccess callers, CancellationToken ct) =>
        (await callers.ForAsync(user, ct).ConfigureAwait(false))?.Scope;

    private static ValidationProblem? ParseIndicator(string? raw, out string code)
    {
        code = IndicatorReport.OverallCode;
        if (string.IsNullOrEmpty(raw))
            return null;
        if (IndicatorReports.IndicatorCode(raw) is { } known)
        {
            code = known;
            return null;
        }

        return ApiProblems.Invalid("indicator", raw, "indicator.known", "must be an indicator code of docs/indicators.md or overall; it defaults to overall.");
    }

    private static ProblemHttpResult NotReady(AssessmentsNotReadyException notReady) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The indicator figures are being brought up to date.",
            detail: notReady.Message, extensions: new Dictionary<string, object?> { ["rule"] = "indicators.catching-up" });
}
