using System.Globalization;
using IntegrationHub.Host.Apis;
using IntegrationHub.Host.Security;
using IntegrationHub.Indicators;
using IntegrationHub.Reporting;
using IntegrationHub.Reporting.Assessments;
using IntegrationHub.Reporting.Exports;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Host.Dashboard.Pages;

/// <summary>
/// 三项制度 indicators (issues 7 and 13): a ranking of units, 面上达标率 by region and its monthly trend over the period,
/// the agencies furthest below the target, and a region's or agency's trend over several years — the figures of
/// <c>GET /api/v1/indicators</c>, <c>…/ranking</c> and <c>…/trend</c> for the same query, and their CSV/XLSX exports.
/// </summary>
[DashboardAuthorize(HubPolicies.RecordsReader)]
public sealed class IndicatorsModel(IndicatorReports reports, CallerAccess callers, TimeProvider clock) : DashboardPage
{
    private const int DefaultTrendYears = 3;
    private const int BelowTargetShown = 15;

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Agency { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? AsOf { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Years { get; set; }

    public IndicatorReport? Report { get; private set; }

    /// <summary>Per month of the period: the share of agencies that reach the target (null: no agency had cases).</summary>
    public IReadOnlyList<(string Month, double? Share)> Trend { get; private set; } = [];

    /// <summary>The chosen region's or agency's overall figure month by month over <see cref="Years"/> years; null when none is chosen.</summary>
    public IndicatorTrend? UnitTrend { get; private set; }

    public IndicatorRanking? BelowTarget { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyList<IndicatorRow> Ranking => Report is null ? [] :
        [.. Report.Overall.Where(r => r.UnitKind == UnitKind.Agency).OrderByDescending(r => r.Rate ?? -1).ThenBy(r => r.UnitCode, StringComparer.Ordinal)];

    public IReadOnlyList<IndicatorRow> Regions => Report is null ? [] :
        [.. Report.Overall.Where(r => r.UnitKind != UnitKind.Agency).OrderBy(r => r.UnitCode, StringComparer.Ordinal)];

    public IReadOnlyList<AgencyShortfall> BelowTargetShownAgencies => BelowTarget is null ? [] :
        [.. BelowTarget.Agencies.Where(a => !a.MeetsTarget).Take(BelowTargetShown)];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (IndicatorQueryParser.Parse(Region, Agency, Period, AsOf, null, null, clock, out var query) is { } invalid)
        {
            Problem = invalid.ProblemDetails.Detail;
            return;
        }

        try
        {
            // The same figures, within the signed-in key's scope, as the API gives that key.
            var scope = (await callers.ForAsync(User, ct).ConfigureAwait(false))?.Scope;
            Report = await reports.ReportAsync(query, scope, ct).ConfigureAwait(false);
            BelowTarget = IndicatorRanking.Of(Report, IndicatorReport.OverallCode);
            Trend = [.. (await reports.MonthlyReportsAsync(query, scope, query.Period.Start, query.Period.End, ct).ConfigureAwait(false)).Select(monthly =>
            {
                var agencies = monthly.Overall.Where(r => r.UnitKind == UnitKind.Agency).ToList();
                return (monthly.Period, agencies.Count == 0 ? (double?)null : agencies.Count(r => r.MeetsTarget == true) / (double)agencies.Count);
            })];
            if (IndicatorReports.TrendUnit(query.Region, query.Agency) is not null)
            {
                var last = new DateOnly(query.Period.End.Year, query.Period.End.Month, 1);
                var years = Math.Clamp(Years ?? DefaultTrendYears, 1, IndicatorReports.MaxTrendMonths / 12);
                UnitTrend = await reports.TrendAsync(query, scope, IndicatorReport.OverallCode, last.AddMonths(1 - years * 12), last, ct).ConfigureAwait(false);
            }
        }
        catch (AssessmentsNotReadyException notReady)
        {
            Problem = notReady.Message;
        }
    }

    /// <summary>The same file as <c>GET /api/v1/indicators?format=…</c> (or <c>…/ranking</c>, <c>…/trend</c> with <paramref name="table"/>), for the signed-in session.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, string? table, CancellationToken ct)
    {
        if (IndicatorQueryParser.Parse(Region, Agency, Period, AsOf, format, null, clock, out var query) is { } || !query.WantsFile)
            return BadRequest();
        var scope = (await callers.ForAsync(User, ct).ConfigureAwait(false))?.Scope;
        ExportTable export;
        switch (table)
        {
            case "ranking":
                export = IndicatorTables.Ranking(await reports.RankingAsync(query, scope, IndicatorReport.OverallCode, ct).ConfigureAwait(false));
                break;
            case "trend" when IndicatorReports.TrendUnit(query.Region, query.Agency) is not null:
                var last = new DateOnly(query.Period.End.Year, query.Period.End.Month, 1);
                var years = Math.Clamp(Years ?? DefaultTrendYears, 1, IndicatorReports.MaxTrendMonths / 12);
                export = IndicatorTables.Trend(await reports.TrendAsync(query, scope, IndicatorReport.OverallCode, last.AddMonths(1 - years * 12), last, ct).ConfigureAwait(false));
                break;
            case null or "":
                export = IndicatorTables.Report(await reports.ReportAsync(query, scope, ct).ConfigureAwait(false));
                break;
            default:
                return BadRequest();
        }

        var file = TableExport.File(export, query.Format, query.Encoding);
        return File(file.Bytes, file.ContentType, file.FileName);
    }

    public string ExportUrl(string format, string? table = null) =>
        $"/indicators?handler=export&format={format}{(table is null ? "" : "&table=" + table)}&period={Uri.EscapeDataString(Period ?? "")}" +
        $"&region={Uri.EscapeDataString(Region ?? "")}&agency={Uri.EscapeDataString(Agency ?? "")}&asOf={Uri.EscapeDataString(AsOf ?? "")}" +
        (Years is { } y ? "&years=" + y.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>What the unit trend charts: a region's 面上达标率, an agency's share of its indicators that reach the target.</summary>
    public static double? TrendValue(IndicatorTrend trend, TrendPoint point) =>
        (double?)(trend.UnitKind == UnitKind.Agency ? point.Rate : point.UnitsMeetingTargetRate);

    public static string Percent(decimal? share) =>
        share is { } value ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
}
