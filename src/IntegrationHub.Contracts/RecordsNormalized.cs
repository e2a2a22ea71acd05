namespace IntegrationHub.Contracts;

/// <summary>Event: a batch was mapped and validated. The store writer commits all of it in one transaction.</summary>
public sealed record RecordsNormalized
{
    public required BatchHeader Batch { get; init; }
    public required int MappingVersion { get; init; }
    public required int SourcePriority { get; init; }
    public required IReadOnlyList<NormalizedRecord> Accepted { get; init; }
    public required IReadOnlyList<RejectedRecord> Rejected { get; init; }

    /// <summary>Records the source deleted, in source order after the accepted ones of the same batch.</summary>
    public IReadOnlyList<DeletedRecord> Deleted { get; init; } = [];
}
