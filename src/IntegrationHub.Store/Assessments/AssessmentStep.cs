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
    /// <summary>
    /// How long the step, as a background writer, lets the store's other writers waiting for the turn go first where the
    /// store has one writer (SQLite) before it takes its turn in order; zero (the default): in order at once, as any write.
    /// </summary>
    public TimeSpan YieldAtMost { get; init; }
}
