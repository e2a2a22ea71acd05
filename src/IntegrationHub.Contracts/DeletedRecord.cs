namespace IntegrationHub.Contracts;

/// <summary>A record the source deleted, by its key. It becomes a tombstone, never vanishes.</summary>
public sealed record DeletedRecord
{
    public required string SourceKey { get; init; }

    /// <summary>
    /// A later record of the same batch brings the key back (delete, then insert again): the deletion is counted but
    /// not applied, since the store applies a batch's accepted records before its deletions.
    /// </summary>
    public bool Superseded { get; init; }
}
