namespace IntegrationHub.Contracts;

/// <summary>
/// What every batch of a sync run carries: its run, its place in the run, and the connector checkpoint that is safe to
/// keep once this batch and all before it are stored.
/// </summary>
public sealed record BatchHeader
{
    public required Guid RunId { get; init; }
    public required string ConnectorId { get; init; }
    public required int Sequence { get; init; }
    public required bool IsLast { get; init; }
    public string? CheckpointAfter { get; init; }
    /// <summary>When the page was read from the source: batch latency runs from here to the commit.</summary>
    public required DateTimeOffset ReadAt { get; init; }

    /// <summary>When the normalized batch was sent to its store writer: the time "on the bus" runs from here.</summary>
    public DateTimeOffset? SentAt { get; init; }
}
