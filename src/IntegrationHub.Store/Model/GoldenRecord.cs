namespace IntegrationHub.Store.Model;

/// <summary>The one record of a real-world case in the supervision store, at its current version.</summary>
public sealed record GoldenRecord
{
    public required string Id { get; init; }
    public required string IdentityKey { get; init; }
    public required int Version { get; init; }
    public required string ContentHash { get; init; }
    /// <summary>Canonical JSON including the lineage of every source.</summary>
    public required string Content { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When every source of the case deleted it (a tombstone); null for a live record.</summary>
    public DateTimeOffset? DeletedAt { get; init; }
}
