namespace IntegrationHub.Store;

/// <summary>
/// The change log's retention, the only role that deletes from it: readers see <see cref="IChangeLog"/>, the batch
/// commit appends. Only the retention worker asks for it.
/// </summary>
public interface IChangeLogRetention
{
    /// <summary>Removes change-log entries older than <paramref name="before"/>; returns how many. Golden records and versions stay.</summary>
    Task<int> PruneChangesAsync(DateTimeOffset before, CancellationToken ct);
}
