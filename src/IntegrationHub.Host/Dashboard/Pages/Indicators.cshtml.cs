using IntegrationHub.Host.Apis;
using IntegrationHub.Host.Apis.Exports;
using IntegrationHub.Host.Security;
using IntegrationHub.Indicators;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Dashboard.Pages;

/// <summary>
/// 三项制度 indicators (issue 7): a ranking of units, 面上达标率 by region and its monthly trend — the figures of
/// <c>GET /api/v1/indicators</c> for the same query, and its CSV/XLSX export.
/// </summary>
[DashboardAuthorize(HubPolicies.RecordsReader)]
public sealed class IndicatorsModel(GoldenCaseSnapshot golden, CallerAccess callers, TimeProvider clock, IOptions<IndicatorOptions> options) : DashboardPage
{
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? AsOf { get; set; }

    public IndicatorReport? Report { get; private set; }

    /// <summary>Per month of the period: the share of agencies that reach the target (null: no agency had cases).</summary>
    public IReadOnlyList<(string Month, double? Share)> Trend { get; private set; } = [];

    public string? Problem { get; private set; }

    public IReadOnlyList<IndicatorRow> Ranking => Report is null ? [] :
        [.. Report.Overall.Where(r => r.UnitKind == UnitKind.Agency).OrderByDescending(r => r.Rate ?? -1).ThenBy(r => r.UnitCode, StringComparer.Ordinal)];

    public IReadOnlyList<IndicatorRow> Regions => Report is null ? [] :
        [.. Report.Overall.Where(r => r.UnitKind != UnitKind.Agency).OrderBy(r => r.UnitCode, StringComparer.Ordinal)];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (IndicatorQuery.Parse(Region, null, Period, AsOf, null, null, clock, out var query) is { } invalid)
        {
            Problem = invalid.ProblemDetails.Detail;
            return;
        }

        // The same figures, within the signed-in key's scope, as GET /api/v1/indicators gives that key: the year and
        // each of its months counted over the snapshot's cases, assessed once.
        var scope = (await callers.ForAsync(User, ct).ConfigureAwait(false))?.Scope;
        Report = await IndicatorsApi.ReportAsync(golden, scope, options.Value, query, ct).ConfigureAwait(false);
        var trend = new List<(string, double?)>();
        for (var month = query.Period.Start; month <= query.Period.End; month = month.AddMonths(1))
        {
            var monthly = await IndicatorsApi.ReportAsync(golden, scope, options.Value, query with { Period = ReportingPeriod.Month(month.Year, month.Month) }, ct).ConfigureAwait(false);
            var agencies = monthly.Overall.Where(r => r.UnitKind == UnitKind.Agency).ToList();
            trend.Add((month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                agencies.Count == 0 ? null : agencies.Count(r => r.MeetsTarget == true) / (double)agencies.Count));
        }

        Trend = trend;
    }

    /// <summary>The same file as <c>GET /api/v1/indicators?format=…</c>, for the signed-in session.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        if (IndicatorQuery.Parse(Region, null, Period, AsOf, format, null, clock, out var query) is { } invalid || !query.WantsFile)
            return BadRequest();
        var scope = (await callers.ForAsync(User, ct).ConfigureAwait(false))?.Scope;
        var report = await IndicatorsApi.ReportAsync(golden, scope, options.Value, query, ct).ConfigureAwait(false);
        await TableExport.File(IndicatorTables.Report(report), query.Format, query.Encoding).ExecuteAsync(HttpContext).ConfigureAwait(false);
        return new EmptyResult();
    }

    public string ExportUrl(string format) =>
        $"/indicators?handler=export&format={format}&period={Uri.EscapeDataString(Period ?? "")}&region={Uri.EscapeDataString(Region ?? "")}&asOf={Uri.EscapeDataString(AsOf ?? "")}";

    public static string Percent(decimal? share) =>
        share is { } value ? (value * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}
