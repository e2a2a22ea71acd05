using System.Collections.Concurrent;
using IntegrationHub.Canonical.Identifiers;

namespace IntegrationHub.Indicators;

/// <summary>
/// Computes the indicators over a set of cases for one period, per agency and per region (county → prefecture →
/// province by code prefix), and lists the cases behind each figure that fail it. Pure: the day the figures are taken
/// on comes in the <see cref="IndicatorContext"/>.
/// </summary>
public sealed class IndicatorEngine(IndicatorOptions options, IReadOnlyList<IIndicator>? indicators = null)
{
    private const int PartitionSize = 16_384;

    private readonly IReadOnlyList<IIndicator> _indicators = indicators ?? IndicatorCatalog.All;

    public IndicatorReport Report(IEnumerable<IndicatorCase> cases, ReportingPeriod period, IndicatorContext context)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(context);
        return Report(new AssessedCases([.. cases], context, _indicators, null, period), period);
    }

    /// <summary>
    /// Assesses every case against every indicator as of the context's day, in parallel. Cases of
    /// <paramref name="previous"/> (same instances, same day) keep their outcomes instead of being assessed again.
    /// </summary>
    public AssessedCases Assess(IReadOnlyList<IndicatorCase> cases, IndicatorContext context, AssessedCases? previous = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(context);
        return new AssessedCases(cases, context, _indicators, previous);
    }

    /// <summary>The report of the assessed cases that <paramref name="include"/> selects (all when null) for a period.</summary>
    public IndicatorReport Report(AssessedCases assessed, ReportingPeriod period, Func<IndicatorCase, bool>? include = null)
    {
        CheckIndicators(assessed);
        ArgumentNullException.ThrowIfNull(period);
        var cases = assessed.Cases;
        var (start, end, width) = (period.Start.DayNumber, period.End.DayNumber, _indicators.Count);

        // Each partition counts into its own tallies; merged afterwards, an agency keeps the name and region of its
        // first case in case order, as a sequential count would.
        var partials = new ConcurrentBag<Dictionary<string, AgencyTally>>();
        Parallel.ForEach(Partitioner.Create(0, Math.Max(cases.Count, 1), PartitionSize),
            () => new Dictionary<string, AgencyTally>(StringComparer.Ordinal),
            (range, _, local) =>
            {
                for (var c = range.Item1; c < Math.Min(range.Item2, cases.Count); c++)
                {
                    var item = cases[c];
                    if (include is not null && !include(item))
                        continue;
                    var agency = item.Action.Agency;
                    var key = agency.Uscc ?? agency.Name;
                    if (!local.TryGetValue(key, out var tally))
                        local[key] = tally = new AgencyTally(key, c, agency.Name, ValidRegion(agency.RegionCode), width);
                    for (var i = 0; i < width; i++)
                    {
                        var outcome = assessed.Outcome(c, i, start, end);
                        if (outcome == AssessedCases.Outside)
                            continue;
                        tally.Counted[i]++;
                        if (outcome == AssessedCases.Met)
                            tally.Met[i]++;
                    }
                }

                return local;
            },
            partials.Add);

        var agencies = new Dictionary<string, AgencyTally>(StringComparer.Ordinal);
        foreach (var partial in partials)
        {
            foreach (var (key, tally) in partial)
            {
                if (agencies.TryGetValue(key, out var merged))
                    merged.Add(tally);
                else
                    agencies[key] = tally;
            }
        }

        return Summarize(agencies, period, assessed.Context);
    }

    private IndicatorReport Summarize(Dictionary<string, AgencyTally> agencies, ReportingPeriod period, IndicatorContext context)
    {
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
        var indicator = Find(code);
        foreach (var item in cases)
        {
            if (indicator.PeriodDate(item.Action) is { } date && period.Contains(date) && indicator.Assess(item.Action, context) is { Met: false } failed)
                yield return Failure(indicator, item, failed);
        }
    }

    /// <summary>
    /// The assessed cases that <paramref name="include"/> selects and that fail the indicator in the period, with the
    /// reason, in case order: only the failing cases are assessed again, for their reasons.
    /// </summary>
    public IEnumerable<CaseFailure> Failures(AssessedCases assessed, string code, ReportingPeriod period, Func<IndicatorCase, bool>? include = null)
    {
        CheckIndicators(assessed);
        ArgumentNullException.ThrowIfNull(period);
        var indicator = Find(code);
        var i = IndexOf(indicator);
        for (var c = 0; c < assessed.Cases.Count; c++)
        {
            var item = assessed.Cases[c];
            if (assessed.Outcome(c, i, period.Start.DayNumber, period.End.DayNumber) == AssessedCases.Failed && (include is null || include(item)))
                yield return Failure(indicator, item, indicator.Assess(item.Action, assessed.Context)!);
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

    private int IndexOf(IIndicator indicator)
    {
        for (var i = 0; i < _indicators.Count; i++)
        {
            if (ReferenceEquals(_indicators[i], indicator))
                return i;
        }

        throw new ArgumentException($"The engine has no indicator '{indicator.Definition.Code}'.", nameof(indicator));
    }

    private void CheckIndicators(AssessedCases assessed)
    {
        ArgumentNullException.ThrowIfNull(assessed);
        if (!ReferenceEquals(assessed.Indicators, _indicators))
            throw new ArgumentException("The cases were assessed by an engine with other indicators.", nameof(assessed));
    }

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

    private sealed class AgencyTally(string key, int first, string name, string? region, int indicators)
    {
        public string Key { get; } = key;

        /// <summary>The index of the agency's first case: its name and region are the ones of that case.</summary>
        public int First { get; private set; } = first;
        public string Name { get; private set; } = name;
        public string? Region { get; private set; } = region;
        public int[] Met { get; } = new int[indicators];
        public int[] Counted { get; } = new int[indicators];
        public int Applicable => Counted.Count(c => c > 0);

        public int Reached(IndicatorEngine engine) => Enumerable.Range(0, Met.Length).Count(i => engine.Reaches(Met[i], Counted[i]));

        public void Add(AgencyTally other)
        {
            for (var i = 0; i < Met.Length; i++)
            {
                Met[i] += other.Met[i];
                Counted[i] += other.Counted[i];
            }

            if (other.First < First)
                (First, Name, Region) = (other.First, other.Name, other.Region);
        }
    }
}
