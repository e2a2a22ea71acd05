using IntegrationHub.Canonical.Identifiers;

namespace IntegrationHub.Indicators;

/// <summary>
/// Computes the indicators over a set of cases for one period, per agency and per region (county → prefecture →
/// province by code prefix), and lists the cases behind each figure that fail it. Pure: the day the figures are taken
/// on comes in the <see cref="IndicatorContext"/>.
/// </summary>
public sealed class IndicatorEngine(IndicatorOptions options, IReadOnlyList<IIndicator>? indicators = null)
{
    private readonly IReadOnlyList<IIndicator> _indicators = indicators ?? IndicatorCatalog.All;

    public IndicatorReport Report(IEnumerable<IndicatorCase> cases, ReportingPeriod period, IndicatorContext context)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(context);

        var agencies = new Dictionary<string, AgencyTally>(StringComparer.Ordinal);
        foreach (var item in cases)
        {
            var agency = item.Action.Agency;
            var key = agency.Uscc ?? agency.Name;
            if (!agencies.TryGetValue(key, out var tally))
                agencies[key] = tally = new AgencyTally(key, agency.Name, ValidRegion(agency.RegionCode), _indicators.Count);
            for (var i = 0; i < _indicators.Count; i++)
            {
                if (Assess(_indicators[i], item, period, context) is not { } assessment)
                    continue;
                tally.Counted[i]++;
                if (assessment.Met)
                    tally.Met[i]++;
            }
        }

        var rows = new List<IndicatorRow>();
        var overall = new List<IndicatorRow>();
        var ordered = agencies.Values.OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        foreach (var group in ordered.Where(a => a.Region is not null).SelectMany(a => Regions(a.Region!).Select(r => (Region: r, Agency: a)))
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

        return new IndicatorReport(period.Code, period.Start, period.End, context.AsOf, options.Target,
            [.. _indicators.Select(i => i.Definition)], rows, overall);
    }

    /// <summary>The cases of the period that fail the indicator <paramref name="code"/>, with the reason, in case order.</summary>
    public IEnumerable<CaseFailure> Failures(IEnumerable<IndicatorCase> cases, string code, ReportingPeriod period, IndicatorContext context)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var indicator = _indicators.FirstOrDefault(i => string.Equals(i.Definition.Code, code, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No indicator has the code '{code}'.", nameof(code));
        foreach (var item in cases)
        {
            if (Assess(indicator, item, period, context) is not { Met: false } failed)
                continue;
            var action = item.Action;
            yield return new CaseFailure(indicator.Definition.Code, item.Id, action.Agency.Name, action.Agency.Uscc, action.Agency.RegionCode,
                action.DecisionNumber, action.Dates.Decided, failed.Rule!, failed.ReasonZh!, failed.ReasonEn!);
        }
    }

    private static CaseAssessment? Assess(IIndicator indicator, IndicatorCase item, ReportingPeriod period, IndicatorContext context) =>
        indicator.PeriodDate(item.Action) is { } date && period.Contains(date) ? indicator.Assess(item.Action, context) : null;

    private void AddRows(List<IndicatorRow> rows, List<IndicatorRow> overall, UnitKind kind, string code, string name, IReadOnlyList<AgencyTally> members)
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
        var scored = members.Where(m => m.Applicable > 0).ToList();
        if (scored.Count == 0)
            return;
        var (reached, applicable) = (scored.Sum(m => m.Reached(this)), scored.Sum(m => m.Applicable));
        var reachingUnits = scored.Count(m => Reaches(m.Reached(this), m.Applicable));
        overall.Add(new IndicatorRow(kind, code, name, IndicatorReport.OverallCode, reached, applicable, Share(reached, applicable),
            kind == UnitKind.Agency ? Reaches(reached, applicable) : Reaches(reachingUnits, scored.Count),
            scored.Count, reachingUnits, Share(reachingUnits, scored.Count)));
    }

    private bool Reaches(int met, int counted) => counted > 0 && met >= options.Target * counted;

    private static decimal? Share(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    private static string? ValidRegion(string? code) =>
        code is not null && RegionCode.Check(code).IsValid ? code.Trim() : null;

    // The region itself and every division above it: an agency of 440305 counts in 440305, 440300 and 440000.
    private static IEnumerable<string> Regions(string code) => [code, .. RegionCode.Ancestors(code)];

    private sealed class AgencyTally(string key, string name, string? region, int indicators)
    {
        public string Key { get; } = key;
        public string Name { get; } = name;
        public string? Region { get; } = region;
        public int[] Met { get; } = new int[indicators];
        public int[] Counted { get; } = new int[indicators];
        public int Applicable => Counted.Count(c => c > 0);

        public int Reached(IndicatorEngine engine) => Enumerable.Range(0, Met.Length).Count(i => engine.Reaches(Met[i], Counted[i]));
    }
}
