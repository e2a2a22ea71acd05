using IntegrationHub.Canonical.Identifiers;

namespace IntegrationHub.Indicators;

/// <summary>
/// Computes the indicators over a set of cases for one period, per agency and per region (county → prefecture →
/// province by code prefix), and lists the cases behind each figure that fail it. Pure: the day the figures are taken
/// on comes in the <see cref="IndicatorContext"/>. Reports over a whole store come from the persisted assessment
/// (docs/indicators.md), which counts the same cases and rolls them up here.
/// </summary>
public sealed class IndicatorEngine(IndicatorOptions options, IReadOnlyList<IIndicator>? indicators = null)
{
    private readonly IReadOnlyList<IIndicator> _indicators = indicators ?? IndicatorCatalog.All;

    /// <summary>The indicators of this engine, in the order of its counts and report rows.</summary>
    public IReadOnlyList<IIndicator> Indicators => _indicators;

    public decimal Target => options.Target;

    /// <summary>Every case assessed as of the context's day: the reference computation of a report.</summary>
    public IndicatorReport Report(IEnumerable<IndicatorCase> cases, ReportingPeriod period, IndicatorContext context)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(context);
        var width = _indicators.Count;
        var agencies = new Dictionary<string, (string Name, string? Region, int[] Met, int[] Counted)>(StringComparer.Ordinal);
        // In record id order, so that an agency keeps the name and region of its first case.
        foreach (var item in cases.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var agency = item.Action.Agency;
            var key = agency.Uscc ?? agency.Name;
            if (!agencies.TryGetValue(key, out var tally))
                agencies[key] = tally = (agency.Name, agency.RegionCode, new int[width], new int[width]);
            for (var i = 0; i < width; i++)
            {
                if (_indicators[i].PeriodDate(item.Action) is not { } day || !period.Contains(day)
                    || _indicators[i].Assess(item.Action, context) is not { } assessment)
                    continue;
                tally.Counted[i]++;
                if (assessment.Met)
                    tally.Met[i]++;
            }
        }

        return Report(agencies.Select(a => new AgencyCounts(a.Key, a.Value.Name, a.Value.Region, a.Value.Met, a.Value.Counted)), period, context.AsOf);
    }

    /// <summary>The report of agencies already counted for the period: rows per agency and per region, and overall.</summary>
    public IndicatorReport Report(IEnumerable<AgencyCounts> agencies, ReportingPeriod period, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        ArgumentNullException.ThrowIfNull(period);
        var rows = new List<IndicatorRow>();
        var overall = new List<IndicatorRow>();
        var ordered = agencies.OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        if (ordered.FirstOrDefault(a => a.Met.Count != _indicators.Count || a.Counted.Count != _indicators.Count) is { } wrong)
            throw new ArgumentException($"The counts of agency '{wrong.Key}' are not one per indicator of the engine ({_indicators.Count}).", nameof(agencies));
        foreach (var group in ordered.Select(a => (Agency: a, Region: ValidRegion(a.RegionCode))).Where(a => a.Region is not null)
                     .SelectMany(a => Regions(a.Region!).Select(r => (Region: r, a.Agency)))
                     .GroupBy(x => x.Region, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.Select(x => x.Agency).ToList();
            var kind = RegionCode.LevelOf(group.Key) switch
            {
                RegionLevel.Province => UnitKind.Province,
                RegionLevel.Prefecture => UnitKind.Prefecture,
                _ => UnitKind.County,
            };
            AddRows(rows, overall, kind, group.Key, group.Key, members);
        }

        foreach (var agency in ordered)
            AddRows(rows, overall, UnitKind.Agency, agency.Key, agency.Name, [agency]);

        return new IndicatorReport(period.Code, period.Start, period.End, asOf, options.Target,
            [.. _indicators.Select(i => i.Definition)], rows, overall);
    }

    /// <summary>The cases of the period that fail the indicator <paramref name="code"/>, with the reason, in the order given.</summary>
    public IEnumerable<CaseFailure> Failures(IEnumerable<IndicatorCase> cases, string code, ReportingPeriod period, IndicatorContext context)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(context);
        var indicator = Find(code);
        foreach (var item in cases)
        {
            if (indicator.PeriodDate(item.Action) is { } date && period.Contains(date) && indicator.Assess(item.Action, context) is { Met: false } failed)
                yield return Failure(indicator, item, failed);
        }
    }

    private static CaseFailure Failure(IIndicator indicator, IndicatorCase item, CaseAssessment failed)
    {
        var action = item.Action;
        return new CaseFailure(indicator.Definition.Code, item.Id, action.Agency.Name, action.Agency.Uscc, action.Agency.RegionCode,
            action.DecisionNumber, action.Dates.Decided, failed.Rule!, failed.ReasonZh!, failed.ReasonEn!);
    }

    private IIndicator Find(string code) =>
        _indicators.FirstOrDefault(i => string.Equals(i.Definition.Code, code, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No indicator has the code '{code}'.", nameof(code));

    private void AddRows(List<IndicatorRow> rows, List<IndicatorRow> overall, UnitKind kind, string code, string name, IReadOnlyList<AgencyCounts> members)
    {
        for (var i = 0; i < _indicators.Count; i++)
        {
            var (met, counted) = (members.Sum(m => m.Met[i]), members.Sum(m => m.Counted[i]));
            if (counted == 0)
                continue;
            var units = members.Count(m => m.Counted[i] > 0);
            var reaching = members.Count(m => m.Counted[i] > 0 && Reaches(m.Met[i], m.Counted[i]));
            rows.Add(new IndicatorRow(kind, code, name, _indicators[i].Definition.Code, met, counted, Share(met, counted),
                Reaches(met, counted), units, reaching, Share(reaching, units)));
        }

        // Overall: the share of a unit's indicators that it reaches; the region's 面上达标率 over its agencies.
        var scored = members.Where(m => Applicable(m) > 0).ToList();
        if (scored.Count == 0)
            return;
        var (reached, applicable) = (scored.Sum(Reached), scored.Sum(Applicable));
        var reachingUnits = scored.Count(m => Reaches(Reached(m), Applicable(m)));
        overall.Add(new IndicatorRow(kind, code, name, IndicatorReport.OverallCode, reached, applicable, Share(reached, applicable),
            kind == UnitKind.Agency ? Reaches(reached, applicable) : Reaches(reachingUnits, scored.Count),
            scored.Count, reachingUnits, Share(reachingUnits, scored.Count)));
    }

    private static int Applicable(AgencyCounts agency) => agency.Counted.Count(c => c > 0);

    private int Reached(AgencyCounts agency) => Enumerable.Range(0, agency.Met.Count).Count(i => Reaches(agency.Met[i], agency.Counted[i]));

    private bool Reaches(int met, int counted) => counted > 0 && met >= options.Target * counted;

    private static decimal? Share(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    private static string? ValidRegion(string? code) =>
        code is not null && RegionCode.Check(code).IsValid ? code.Trim() : null;

    // The region itself and every division above it: an agency of 440305 counts in 440305, 440300 and 440000.
    private static IEnumerable<string> Regions(string code) => [code, .. RegionCode.Ancestors(code)];
}
