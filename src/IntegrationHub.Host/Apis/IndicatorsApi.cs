using System.Security.Claims;
using IntegrationHub.Host.Apis.Exports;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Security;
using IntegrationHub.Indicators;
using IntegrationHub.Store.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Apis;

/// <summary>三项制度 compliance indicators for supervisors (docs/indicators.md): figures per agency and region, and the failing cases.</summary>
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
            .WithDescription("Every indicator of docs/indicators.md for the agencies of the region prefix (or one agency) in a period (2024, 2024-Q2, 2024-05), rolled up county → prefecture → province, with each unit's target and the region's 面上达标率. format=csv or xlsx for a file (CSV encoding=utf-8 with BOM, or gbk).");

        api.MapGet("/{code}/cases", GetFailingCases)
            .WithName("GetIndicatorCases")
            .WithSummary("The cases that fail an indicator")
            .WithDescription("The drill-down of a figure: each case of the selection and period that fails the indicator, with the rule and the reason. format=csv or xlsx for a file.");

        return app;
    }

    public static async Task<Results<Ok<IndicatorReport>, FileContentHttpResult, ValidationProblem>> GetReport(
        string? region, string? agency, string? period, string? asOf, string? format, string? encoding,
        GoldenCaseSnapshot golden, ClaimsPrincipal user, CallerAccess callers, TimeProvider clock, IOptions<IndicatorOptions> options, CancellationToken ct)
    {
        if (IndicatorQuery.Parse(region, agency, period, asOf, format, encoding, clock, out var query) is { } invalid)
            return invalid;
        // A subscriber's figures cover its scope only (invariant 7).
        var scope = (await callers.ForAsync(user, ct).ConfigureAwait(false))?.Scope;
        var report = await ReportAsync(golden, scope, options.Value, query, ct).ConfigureAwait(false);
        return query.WantsFile
            ? TableExport.File(IndicatorTables.Report(report), query.Format, query.Encoding)
            : TypedResults.Ok(report);
    }

    /// <summary>The report of a parsed query; the dashboard's indicator page shows the same.</summary>
    internal static async Task<IndicatorReport> ReportAsync(GoldenCaseSnapshot golden, FeedScope? scope, IndicatorOptions options, IndicatorQuery query, CancellationToken ct)
    {
        var engine = new IndicatorEngine(options);
        if (query.Agency is not null || scope is null)
            return engine.Report(await golden.ReadAsync(query.Region, query.Agency, scope, ct).ConfigureAwait(false), query.Period, query.Context);
        var assessed = await golden.AssessedAsync(engine, query.Context, ct).ConfigureAwait(false);
        return engine.Report(assessed, query.Period, GoldenCaseSnapshot.Selection(query.Region, scope));
    }

    public static async Task<Results<Ok<IndicatorCases>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetFailingCases(
        string code, string? region, string? agency, string? period, string? asOf, string? format, string? encoding,
        GoldenCaseSnapshot golden, ClaimsPrincipal user, CallerAccess callers, TimeProvider clock, IOptions<IndicatorOptions> options, CancellationToken ct)
    {
        if (IndicatorCatalog.Find(code) is not { } indicator)
            return ApiProblems.NotFound("indicator", "code", code);
        if (IndicatorQuery.Parse(region, agency, period, asOf, format, encoding, clock, out var query) is { } invalid)
            return invalid;
        // A subscriber's figures cover its scope only (invariant 7).
        var scope = (await callers.ForAsync(user, ct).ConfigureAwait(false))?.Scope;
        var failures = await FailuresAsync(golden, scope, options.Value, indicator.Definition.Code, query, ct).ConfigureAwait(false);
        return query.WantsFile
            ? TableExport.File(IndicatorTables.Failures(indicator.Definition.Code, query.Period.Code, failures), query.Format, query.Encoding)
            : TypedResults.Ok(new IndicatorCases(indicator.Definition.Code, query.Period.Code, query.AsOf, failures.Count, failures));
    }

    private static async Task<List<CaseFailure>> FailuresAsync(GoldenCaseSnapshot golden, FeedScope? scope, IndicatorOptions options, string code, IndicatorQuery query, CancellationToken ct)
    {
        var engine = new IndicatorEngine(options);
        if (query.Agency is not null || scope is null)
            return [.. engine.Failures(await golden.ReadAsync(query.Region, query.Agency, scope, ct).ConfigureAwait(false), code, query.Period, query.Context)];
        var assessed = await golden.AssessedAsync(engine, query.Context, ct).ConfigureAwait(false);
        return [.. engine.Failures(assessed, code, query.Period, GoldenCaseSnapshot.Selection(query.Region, scope))];
    }
}
