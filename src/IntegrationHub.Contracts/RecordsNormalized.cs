namespace IntegrationHub.Contracts;

/// <summary>
/// Event: a page of a run was read and normalized. Sent to the store writer of the connector's partition, which commits
/// all of it in one transaction, after every earlier batch of the run.
/// </summary>
public sealed record RecordsNormalized
{
    public required BatchHeader Batch { get; init; }
    public required int MappingVersion { get; init; }
    public required int SourcePriority { get; init; }
    public required IReadOnlyList<NormalizedRecord> Accepted { get; init; }
    public required IReadOnlyList<RejectedRecord> Rejected { get; init; }

    /// <summary>Records the source deleted, in source order after the accepted ones of the same batch.</summary>
    public IReadOnlyList<DeletedRecord> Deleted { get; init; } = [];

    /// <summary>
    /// Records not normalized again: the store held their very input (same input hash) when the page was read, and no
    /// earlier batch of the run still in flight named them. The store writer checks the claim in its transaction.
    /// </summary>
    public IReadOnlyList<UnchangedRecord> Unchanged { get; init; } = [];
}
