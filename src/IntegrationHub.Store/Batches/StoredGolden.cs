namespace IntegrationHub.Store.Batches;

/// <summary>A golden record as stored before the batch (its row is locked for the batch on PostgreSQL).</summary>
internal sealed record StoredGolden
{
    public string Id { get; init; } = "";
    public string IdentityKey { get; init; } = "";
    public long Version { get; init; }
    public string ContentHash { get; init; } = "";
    public string Content { get; init; } = "";
    public string? FieldLineage { get; init; }
    public string? AgencyUscc { get; init; }
    public string? RegionCode { get; init; }
    public string? Category { get; init; }
    public string? DecidedOn { get; init; }
    public string? DecisionNumber { get; init; }
    public long CreatedAt { get; init; }
    public long UpdatedAt { get; init; }
    public long? DeletedAt { get; init; }
}
