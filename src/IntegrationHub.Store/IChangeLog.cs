using IntegrationHub.Store.Model;

namespace IntegrationHub.Store;

/// <summary>
/// The change log (our transactional outbox) as its readers see it: every subscriber channel reads it through this, from
/// its own cursor (invariant 6). The writer is the batch commit; retention prunes it from the oldest end.
/// </summary>
public interface IChangeLog
{
    /// <summary>
    /// The changes after <paramref name="afterSequence"/> up to and including <paramref name="throughSequence"/> that
    /// <paramref name="scope"/> allows, oldest first. The scope is applied before the limit.
    /// </summary>
    Task<IReadOnlyList<ChangeEvent>> ReadChangesAsync(long afterSequence, long throughSequence, FeedScope scope, int limit, CancellationToken ct);

    /// <summary>How many changes after <paramref name="afterSequence"/> the scope allows: a subscriber's backlog.</summary>
    Task<long> CountChangesAsync(long afterSequence, FeedScope scope, CancellationToken ct);

    /// <summary>The highest sequence removed from the change log by retention (0 when nothing was removed).</summary>
    Task<long> GetPrunedThroughAsync(CancellationToken ct);

    /// <summary>The newest sequence; after retention emptied the log, where pruning stopped.</summary>
    Task<long> LastChangeSequenceAsync(CancellationToken ct);

    /// <summary>The first change-log sequence that occurred at or after <paramref name="since"/>; null when none.</summary>
    Task<long?> FirstChangeSequenceSinceAsync(DateTimeOffset since, CancellationToken ct);
}
