namespace IntegrationHub.Reporting.Assessments;

/// <summary>How the persisted assessment is kept up to date (section <c>Hub:Indicators</c>, beside the target).</summary>
public sealed record AssessmentOptions
{
    /// <summary>Changes (or, while rebuilding, golden records) one projection step takes; from 1 to 50,000.</summary>
    public int ProjectionBatchSize { get; init; } = 5_000;

    /// <summary>How often the worker's projector looks for new changes when it has caught up.</summary>
    public TimeSpan ProjectionInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a projection step lets the store's other writers go first before it takes its turn in order (the embedded
    /// store, which has one writer): a sync's batches and the feeds do not wait behind the projection, which catches up
    /// in the gaps, and still moves at least once per this while the store is busy. From 0 to 60 seconds.
    /// </summary>
    public TimeSpan ProjectionYield { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a report waits for the projection to catch up with the change log before it answers 503 (a rebuild of a
    /// large store takes minutes; a sync's changes take well under a second).
    /// </summary>
    public TimeSpan CatchUpTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
