namespace IntegrationHub.Indicators;

/// <summary>
/// Every indicator assessed once for every case as of one day: whether the case meets it, fails it or lies outside it,
/// and the date that places it in a period. A report for any period or region over the same cases is then a count, not
/// a re-assessment (docs/benchmarks.md). Built by <see cref="IndicatorEngine.Assess"/>; immutable, so concurrent
/// reports share it.
/// </summary>
public sealed class AssessedCases
{
    internal const byte Outside = 0;
    internal const byte Met = 1;
    internal const byte Failed = 2;
    internal const int NoDate = int.MinValue;

    private readonly int[] _dates;
    private readonly byte[] _outcomes;

    internal AssessedCases(IReadOnlyList<IndicatorCase> cases, IndicatorContext context, IReadOnlyList<IIndicator> indicators, AssessedCases? previous,
        ReportingPeriod? only = null)
    {
        Cases = cases;
        Context = context;
        Indicators = indicators;
        var width = indicators.Count;
        _dates = new int[cases.Count * width];
        _outcomes = new byte[cases.Count * width];

        // A case object unchanged since the previous assessment (same instance, same day, same indicators) keeps its
        // outcomes: after a sync only the changed records are assessed again.
        var reusable = previous is not null && ReferenceEquals(previous.Indicators, indicators) && previous.Context == context
            ? ReusableRows(previous)
            : null;
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, Math.Max(cases.Count, 1), 4096), range =>
        {
            for (var c = range.Item1; c < Math.Min(range.Item2, cases.Count); c++)
            {
                if (reusable is not null && reusable.TryGetValue(cases[c], out var row))
                {
                    Array.Copy(previous!._dates, row * width, _dates, c * width, width);
                    Array.Copy(previous._outcomes, row * width, _outcomes, c * width, width);
                    continue;
                }

                var action = cases[c].Action;
                for (var i = 0; i < width; i++)
                {
                    var date = indicators[i].PeriodDate(action);
                    _dates[c * width + i] = date?.DayNumber ?? NoDate;
                    // A one-off report assesses only the cases of its period (only): the others it would not count.
                    _outcomes[c * width + i] = date is not { } day || (only is not null && !only.Contains(day))
                        ? Outside
                        : indicators[i].Assess(action, context) switch
                        {
                            null => Outside,
                            { Met: true } => Met,
                            _ => Failed,
                        };
                }
            }
        });
    }

    public IReadOnlyList<IndicatorCase> Cases { get; }

    public IndicatorContext Context { get; }

    internal IReadOnlyList<IIndicator> Indicators { get; }

    /// <summary>
    /// <see cref="Met"/>, <see cref="Failed"/> or <see cref="Outside"/> for case <paramref name="c"/> and indicator
    /// <paramref name="i"/> in the period (Outside when the case's date for the indicator lies outside it).
    /// </summary>
    internal byte Outcome(int c, int i, int start, int end)
    {
        var k = c * Indicators.Count + i;
        var date = _dates[k];
        return date != NoDate && date >= start && date <= end ? _outcomes[k] : Outside;
    }

    private static Dictionary<IndicatorCase, int> ReusableRows(AssessedCases previous)
    {
        var rows = new Dictionary<IndicatorCase, int>(previous.Cases.Count, ReferenceEqualityComparer.Instance);
        for (var c = 0; c < previous.Cases.Count; c++)
            rows.TryAdd(previous.Cases[c], c);
        return rows;
    }
}
