namespace IntegrationHub.Api.Contracts;

/// <summary>One sync run with its conservation counts (pulled = inserted + updated + unchanged + quarantined).</summary>
public sealed record RunView
{
    public required Guid Id { get; init; }
    public required string ConnectorId { get; init; }

    /// <summary><c>running</c>, <c>completed</c>, <c>failed</c> or <c>interrupted</c>.</summary>
    public required string Status { get; init; }

    public required string Trigger { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public required long Pulled { get; init; }
    public required long Inserted { get; init; }
    public required long Updated { get; init; }
    public required long Unchanged { get; init; }
    public required long Quarantined { get; init; }

    /// <summary>Records the source deleted (tombstones).</summary>
    public required long Deleted { get; init; }

    /// <summary>From start to end (or to now, while running), in milliseconds.</summary>
    public required long DurationMs { get; init; }

    public required int BatchesStored { get; init; }
    public string? Error { get; init; }

    /// <summary>How the source's fields changed compared with the previous run that read records; null when they did not.</summary>
    public SourceDriftView? Drift { get; init; }
}
