namespace IntegrationHub.Cli.Api;

/// <summary>One sync run: pulled = inserted + updated + unchanged + quarantined + deleted.</summary>
internal sealed record RunView
{
    public required Guid Id { get; init; }
    public required string ConnectorId { get; init; }

    /// <summary><c>running</c>, <c>completed</c>, <c>failed</c> or <c>interrupted</c>.</summary>
    public required string Status { get; init; }

    public string? Trigger { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public long Pulled { get; init; }
    public long Inserted { get; init; }
    public long Updated { get; init; }
    public long Unchanged { get; init; }
    public long Quarantined { get; init; }
    public long Deleted { get; init; }
    public int BatchesStored { get; init; }
    public long? DurationMs { get; init; }
    public string? Error { get; init; }

    public bool IsRunning => Status == RunStatuses.Running;
}
