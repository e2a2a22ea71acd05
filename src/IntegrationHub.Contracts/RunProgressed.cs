namespace IntegrationHub.Contracts;

/// <summary>
/// Event: the store writer stored batches of a run, or the run ended. Published after the commit, to every process, so
/// the runner waits on commits instead of polling the store.
/// </summary>
public sealed record RunProgressed
{
    public required Guid RunId { get; init; }
    public required string ConnectorId { get; init; }

    /// <summary>The highest sequence stored with every batch before it (-1: none yet).</summary>
    public required int StoredThrough { get; init; }

    /// <summary><c>running</c>, <c>completed</c>, <c>failed</c> or <c>interrupted</c>.</summary>
    public required string Status { get; init; }

    public string? Error { get; init; }
}
