namespace IntegrationHub.Indicators;

/// <summary>
/// How a case stands against one indicator on every as-of day at once: met, failed or outside whatever the day, or
/// pending until <see cref="Due"/> (a publication, service or withdrawal whose deadline runs: not counted while it can
/// still be done in time, failed once the due day has passed). What the persisted assessment keeps per case, so that a
/// report for any as-of day needs no re-assessment.
/// </summary>
public readonly record struct CaseStanding(CaseOutcome Outcome, DateOnly? Due)
{
    public static CaseStanding Outside { get; } = new(CaseOutcome.Outside, null);

    public static CaseStanding Met { get; } = new(CaseOutcome.Met, null);

    public static CaseStanding Failed { get; } = new(CaseOutcome.Failed, null);

    public static CaseStanding PendingUntil(DateOnly due) => new(CaseOutcome.Pending, due);

    /// <summary>Met, failed or outside as of <paramref name="asOf"/>; the due day itself is still in time.</summary>
    public CaseOutcome On(DateOnly asOf) => Outcome == CaseOutcome.Pending
        ? asOf > Due!.Value ? CaseOutcome.Failed : CaseOutcome.Outside
        : Outcome;
}
