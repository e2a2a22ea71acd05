using IntegrationHub.Indicators;
using IntegrationHub.Reporting.Assessments;
using IntegrationHub.Store.Assessments;
using IntegrationHub.Store.Model;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Reporting;

/// <summary>
/// The indicator read model (docs/indicators.md): reports, drill-downs, monthly trends and rankings from the persisted
/// assessment. A report sums the stored counts of the selected units and rolls them up with the engine; a drill-down
/// scans the narrow rows and parses only the failing cases, for their reasons. Every answer first brings the projection
/// up to the newest change. The API and the dashboard are adapters over this one service.
/// </summary>
public sealed class IndicatorReports(ICaseAssessmentStore store, AssessmentProjector projector, IOptions<IndicatorOptions> options)
{
    /// <summary>The longest trend asked for at once: ten years of months.</summary>
    public const int MaxTrendMonths = 120;

    // Reads of golden records for the reasons of failing cases, at a time.
    private const int ReasonPage = 500;

    private IndicatorEngine Engine => new(options.Value, CaseAssessor.Indicators);

    /// <summary>The report of the query's period and selection within <paramref name="scope"/> (null: the caller sees nothing).</summary>
    public async Task<IndicatorReport> ReportAsync(IndicatorQuery query, FeedScope? scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var monthly = await CountsAsync(query, scope, query.Period.Start, query.Period.End, byMonth: false, ct).ConfigureAwait(false);
        return Engine.Report(monthly.SingleOrDefault().Agencies ?? [], query.Period, query.AsOf);
    }

    /// <summary>
    /// The report of every month from <paramref name="from"/> to <paramref name="to"/> (whole months), oldest first, from
    /// one read of the counts: each is the report a query of that month would give.
    /// </summary>
    public async Task<IReadOnlyList<IndicatorReport>> MonthlyReportsAsync(IndicatorQuery query, FeedScope? scope, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var first = new DateOnly(from.Year, from.Month, 1);
        var counts = (await CountsAsync(query, scope, first, to, byMonth: true, ct).ConfigureAwait(false))
            .ToDictionary(m => m.Month, m => m.Agencies);
        var engine = Engine;
        var reports = new List<IndicatorReport>();
        for (var month = first; month <= to; month = month.AddMonths(1))
        {
            reports.Add(engine.Report(counts.GetValueOrDefault(AssessmentDays.MonthOf(month)) ?? [],
                ReportingPeriod.Month(month.Year, month.Month), query.AsOf));
        }

        return reports;
    }

    /// <summary>
    /// The trend of one unit — the agency of the query, else the region its prefix names (2, 4 or 6 digits) — for an
    /// indicator or overall, month by month from <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    public async Task<IndicatorTrend> TrendAsync(IndicatorQuery query, FeedScope? scope, string indicator, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (kind, unit) = TrendUnit(query.Region, query.Agency)
            ?? throw new ArgumentException("A trend needs an agency, or a region of 2, 4 or 6 digits.", nameof(query));
        var end = new DateOnly(to.Year, to.Month, 1).AddMonths(1).AddDays(-1);
        var monthly = await MonthlyReportsAsync(query, scope, from, end, ct).ConfigureAwait(false);
        return IndicatorTrend.Of(kind, unit, indicator, monthly, query.AsOf, options.Value.Target);
    }

    /// <summary>The agencies of the query's report ranked by how far they are below the target on an indicator or overall.</summary>
    public async Task<IndicatorRanking> RankingAsync(IndicatorQuery query, FeedScope? scope, string indicator, CancellationToken ct) =>
        IndicatorRanking.Of(await ReportAsync(query, scope, ct).ConfigureAwait(false), indicator);

    /// <summary>The unit a trend follows: the agency when given, else the region a prefix of 2, 4 or 6 digits names; null otherwise.</summary>
    public static (UnitKind Kind, string Code)? TrendUnit(string? region, string? agency)
    {
        if (agency is not null)
            return (UnitKind.Agency, agency);
        if (region is not { Length: 2 or 4 or 6 } || !region.All(char.IsAsciiDigit))
            return null;
        var code = region.PadRight(6, '0');
        return Canonical.Identifiers.RegionCode.LevelOf(code) switch
        {
            Canonical.Identifiers.RegionLevel.Province => (UnitKind.Province, code),
            Canonical.Identifiers.RegionLevel.Prefecture => (UnitKind.Prefecture, code),
            _ => (UnitKind.County, code),
        };
    }

    /// <summary>The catalog's spelling of an indicator code or <c>overall</c> (case-insensitive); null when it is neither.</summary>
    public static string? IndicatorCode(string? code)
    {
        if (string.Equals(code, IndicatorReport.OverallCode, StringComparison.OrdinalIgnoreCase))
            return IndicatorReport.OverallCode;
        return CaseAssessor.Indicators.FirstOrDefault(i => string.Equals(i.Definition.Code, code, StringComparison.OrdinalIgnoreCase))?.Definition.Code;
    }

    /// <summary>The cases of the selection that fail indicator <paramref name="code"/> in the period, with the reason, in record id order.</summary>
    public async Task<IReadOnlyList<CaseFailure>> FailuresAsync(string code, IndicatorQuery query, FeedScope? scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var slot = Slot(code);
        if (scope is null)
            return [];
        await projector.CatchUpAsync(ct).ConfigureAwait(false);
        var selected = Selected(await store.ListUnitsAsync(ct).ConfigureAwait(false), query, scope, out var all);
        var failing = await store.FindFailingAsync(slot, AssessmentDays.Of(query.Period.Start), AssessmentDays.Of(query.Period.End),
            AssessmentDays.Of(query.AsOf), all ? null : selected.Keys, ct).ConfigureAwait(false);
        var ids = failing.Where(f => all || selected.ContainsKey(f.UnitId)).Select(f => f.RecordId).Order(StringComparer.Ordinal).ToList();

        // Only the failing cases are parsed, for their reasons; the engine checks each again as of the day.
        var engine = Engine;
        var failures = new List<CaseFailure>(ids.Count);
        foreach (var page in ids.Chunk(ReasonPage))
        {
            var cases = CaseAssessor.Parse(await store.ReadLiveAsync(page, ct).ConfigureAwait(false)).OrderBy(c => c.Id, StringComparer.Ordinal);
            failures.AddRange(engine.Failures(cases, code, query.Period, query.Context));
        }

        return failures;
    }

    /// <summary>The slot of an indicator code (case-insensitive); an unknown code is an argument error.</summary>
    public static int Slot(string code)
    {
        for (var i = 0; i < CaseAssessor.Indicators.Count; i++)
        {
            if (string.Equals(CaseAssessor.Indicators[i].Definition.Code, code, StringComparison.OrdinalIgnoreCase))
                return i;
        }

        throw new ArgumentException($"No indicator has the code '{code}'.", nameof(code));
    }

    /// <summary>Per month (0 when not by month), each selected agency's counts with the name and region of its first case.</summary>
    private async Task<IReadOnlyList<(int Month, List<AgencyCounts> Agencies)>> CountsAsync(IndicatorQuery query, FeedScope? scope, DateOnly from, DateOnly to,
        bool byMonth, CancellationToken ct)
    {
        if (from.Day != 1 || to.AddDays(1).Day != 1)
            throw new ArgumentException($"Reports are counted by whole months; {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is not.", nameof(query));
        if (scope is null)
            return [];
        await projector.CatchUpAsync(ct).ConfigureAwait(false);
        var selected = Selected(await store.ListUnitsAsync(ct).ConfigureAwait(false), query, scope, out var all);
        var counts = await store.CountAsync(AssessmentDays.MonthOf(from), AssessmentDays.MonthOf(to), AssessmentDays.Of(query.AsOf),
            all ? null : selected.Keys, byMonth, ct).ConfigureAwait(false);

        // An agency (its USCC, else its name) takes the name and region of the unit holding its smallest record id.
        var agencies = selected.Values.GroupBy(u => u.Key.AgencyUscc ?? u.Key.AgencyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MinBy(u => u.FirstRecordId, StringComparer.Ordinal)!, StringComparer.Ordinal);
        var width = CaseAssessor.Indicators.Count;
        var result = new List<(int, List<AgencyCounts>)>();
        foreach (var month in counts.Where(c => selected.ContainsKey(c.UnitId)).GroupBy(c => c.Month).OrderBy(g => g.Key))
        {
            var tallies = new Dictionary<string, (int[] Met, int[] Counted)>(StringComparer.Ordinal);
            foreach (var count in month.Where(c => c.Slot < width))
            {
                var unit = selected[count.UnitId].Key;
                var key = unit.AgencyUscc ?? unit.AgencyName;
                if (!tallies.TryGetValue(key, out var tally))
                    tallies[key] = tally = (new int[width], new int[width]);
                tally.Met[count.Slot] += checked((int)count.Met);
                tally.Counted[count.Slot] += checked((int)count.Counted);
            }

            result.Add((month.Key, [.. tallies.Select(t => new AgencyCounts(t.Key, agencies[t.Key].Key.AgencyName, agencies[t.Key].Key.RegionCode, t.Value.Met, t.Value.Counted))]));
        }

        return byMonth || result.Count > 0 ? result : [(0, [])];
    }

    private static Dictionary<long, AssessmentUnit> Selected(IReadOnlyList<AssessmentUnit> units, IndicatorQuery query, FeedScope scope, out bool all)
    {
        var selected = units.Where(u => CaseScope.Selects(query.Region, query.Agency, scope, u.Key)).ToDictionary(u => u.Id);
        all = selected.Count == units.Count;
        return selected;
    }
}
