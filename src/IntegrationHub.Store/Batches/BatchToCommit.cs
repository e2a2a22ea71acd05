namespace IntegrationHub.Store.Batches;

/// <summary>
/// One page of a sync run, normalized, as the store writer commits it: its place in the run, the checkpoint that is safe
/// once it is stored, and what became of each source record. The store's own input type, independent of the bus.
/// </summary>
public sealed record BatchToCommit
{
    public required Guid RunId { get; init; }
    public required string ConnectorId { get; init; }
    public required int Sequence { get; init; }
    public required bool IsLast { get; init; }
    public string? CheckpointAfter { get; init; }
    public required DateTimeOffset ReadAt { get; init; }
    public required int MappingVersion { get; init; }
    public required int SourcePriority { get; init; }
    public IReadOnlyList<AcceptedSourceRecord> Accepted { get; init; } = [];
    public IReadOnlyList<RejectedSourceRecord> Rejected { get; init; } = [];

    /// <summary>Deletions the source reported, in source order after the accepted records of the same batch.</summary>
    public IReadOnlyList<SourceDeletion> Deleted { get; init; } = [];

    /// <summary>Records read again with the input their stored content was computed from: not normalized, counted unchanged.</summary>
    public IReadOnlyList<UnchangedSourceRecord> Unchanged { get; init; } = [];

    /// <summary>Every record the batch carries, each counted once: accepted, unchanged, rejected or deleted.</summary>
    public int Pulled => Accepted.Count + Unchanged.Count + Rejected.Count + Deleted.Count;
}
