namespace IntegrationHub.Store.Model;

/// <summary>The conservation count of a run or batch: pulled = inserted + updated + unchanged + quarantined.</summary>
public sealed record SyncCounts(long Pulled, long Inserted, long Updated, long Unchanged, long Quarantined, long Deleted = 0)
{
    public static SyncCounts Zero { get; } = new(0, 0, 0, 0, 0);

    public bool Conserves => Pulled == Inserted + Updated + Unchanged + Quarantined + Deleted;
}
