namespace IntegrationHub.Store.Model;

/// <summary>One sync run of a connector, with its conservation counts.</summary>
public sealed record SyncRun
{
    public required Guid RunId { get; init; }
    public required string ConnectorId { get; init; }
    public required string Trigger { get; init; }
    public required RunStatus Status { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public required SyncCounts Counts { get; init; }
    public int BatchesStored { get; init; }
    public string? Error { get; init; }

    /// <summary>How the source's fields changed compared with the previous reading run; null when they did not.</summary>
    public SourceDrift? Drift { get; init; }
}
