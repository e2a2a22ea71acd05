using System.Globalization;
using System.Security.Claims;
using IntegrationHub.CreditPublicity;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Security;
using IntegrationHub.Reporting;
using IntegrationHub.Reporting.Exports;
using IntegrationHub.Store.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis;

/// <summary>
/// 双公示 export (DOMAIN.md §2): penalty (CF_*) and licensing (XK_*) rows of the decisions of a period, for legal or
/// natural persons, checked before export; a record that fails the check is listed by /check and never exported.
/// </summary>
public static class CreditPublicityApi
{
    /// <summary>Response header of the CSV export: how many records of the selection were left out.</summary>
    public const string RejectedHeader = "X-Hub-Rejected-Records";

    private static readonly string[] PersonKinds = ["legal", "natural"];

    private static readonly Dictionary<string, CreditRecordKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["penalties"] = CreditRecordKind.Penalty,
        ["licenses"] = CreditRecordKind.License,
    };

    public static IEndpointRouteBuilder MapCreditPublicityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("credit-publicity")
            .WithTags("Credit publicity (双公示)")
            .RequireAuthorization(HubPolicies.RecordsReader);

        api.MapGet("/{kind}", Export)
            .WithName("ExportCreditPublicity")
            .WithSummary("双公示 CSV or XLSX of penalties or licences")
            .WithDescription("kind = penalties (CF_*) or licenses (XK_*); person = legal (default) or natural; decisions of the period (by decision date). Only rows that pass the required-field and code-list check; the header X-Hub-Rejected-Records counts the others, listed by /check. format = csv (default; encoding = utf-8 with BOM, or gbk) or xlsx.");

        api.MapGet("/{kind}/check", Check)
            .WithName("CheckCreditPublicity")
            .WithSummary("The 双公示 pre-export check")
            .WithDescription("How many rows the export would hold, and each record it leaves out with every problem (missing required field, value outside the code list, bad check character).");

        return app;
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Export(
        string kind, string? person, string? region, string? agency, string? period, string? format, string? encoding,
        HttpContext http, CreditPublicityReports credit, CallerAccess callers, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(credit);
        if (!Kinds.TryGetValue(kind, out var selected))
            return ApiProblems.NotFound("credit publicity data set", "kind", kind);
        if (IndicatorQueryParser.Parse(region, agency, period, null, format ?? TableExport.Csv, encoding, clock, out var query) is { } invalid)
            return invalid;
        if (!query.WantsFile)
            return ApiProblems.Invalid("format", format, "format.known", "must be csv or xlsx for the 双公示 export; its check is at /check.");
        if (ApiProblems.ParseChoice("person", person, PersonKinds, "legal", out var personKind) is { } badPerson)
            return badPerson;

        var export = await credit.PrepareAsync(selected, query, await ScopeOfAsync(http.User, callers, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        var template = CreditTemplate.For(selected, naturalPerson: personKind == "natural");
        http.Response.Headers[RejectedHeader] = export.Rejected.Count(r => r.Record.Template == template).ToString(CultureInfo.InvariantCulture);
        return IndicatorsApi.File(CreditTables.Of(template, export.Accepted), query);
    }

    public static async Task<Results<Ok<CreditPublicityCheck>, ValidationProblem, ProblemHttpResult>> Check(
        string kind, string? region, string? agency, string? period, ClaimsPrincipal user, CreditPublicityReports credit, CallerAccess callers, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(credit);
        if (!Kinds.TryGetValue(kind, out var selected))
            return ApiProblems.NotFound("credit publicity data set", "kind", kind);
        if (IndicatorQueryParser.Parse(region, agency, period, null, null, null, clock, out var query) is { } invalid)
            return invalid;

        var export = await credit.PrepareAsync(selected, query, await ScopeOfAsync(user, callers, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        var prefix = selected == CreditRecordKind.Penalty ? "CF_WSH" : "XK_WSH";
        return TypedResults.Ok(new CreditPublicityCheck(kind.ToLowerInvariant(), query.Period.Code, export.Accepted.Count, export.Rejected.Count,
            [.. export.Rejected.Select(r => new CreditRejectionView(r.Record.RecordId, r.Record.Template.Name, r.Record[prefix], r.Problems))]));
    }

    // A subscriber exports its scope only (invariant 7); null = its scope and filter exclude each other.
    private static async Task<FeedScope?> ScopeOfAsync(ClaimsPrincipal user, CallerAccess callers, CancellationToken ct) =>
        (await callers.ForAsync(user, ct).ConfigureAwait(false))?.Scope;
}
