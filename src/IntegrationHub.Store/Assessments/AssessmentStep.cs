namespace IntegrationHub.Store.Assessments;

/// <summary>
/// What one projection step needs from the assessing side: the version of the rules (a different stored version means a
/// rebuild), the indicator codes its slots hold, how many records or changes a step takes, and the assessment itself
/// (live golden records in, narrow rows out; the store never parses content).
/// </summary>
public sealed record AssessmentStep(
    string Version,
    IReadOnlyList<string> Slots,
    int Limit,
    Func<IReadOnlyList<LiveRecord>, IReadOnlyList<CaseAssessmentRow>> Assess)
{
    /// <summary>The default of <see cref="YieldAtMost"/>.</summary>
    public static readonly TimeSpan DefaultYieldAtMost = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A step writes as a background writer: where the store has one writer (SQLite), it lets the sync's batches and the
    /// feeds' cursors waiting for it go first, for at most this long, then takes its turn in order.
    /// </summary>
    public TimeSpan YieldAtMost { get; init; } = DefaultYieldAtMost;
}
