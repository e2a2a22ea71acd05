using IntegrationHub.Store;

namespace IntegrationHub.Feeds;

/// <summary>
/// The one reader of the change log for every subscriber channel (invariant 6): after a position, within the caller's
/// scope (applied before the limit), with a pruned log detected, each change in the envelope the caller receives. The
/// pull feed, its stream, webhooks and AMQP differ only in where the position is kept and how the events are sent.
/// </summary>
public sealed class ChangeLogReader(IChangeLog log)
{
    /// <summary>The newest sequence of the change log (where a subscriber that only wants what comes next starts).</summary>
    public Task<long> NewestAsync(CancellationToken ct) => log.LastChangeSequenceAsync(ct);

    /// <summary>The gap when retention removed changes after <paramref name="position"/>; null when none is missing.</summary>
    public async Task<ChangeLogGap?> FindGapAsync(long position, CancellationToken ct)
    {
        var prunedThrough = await log.GetPrunedThroughAsync(ct).ConfigureAwait(false);
        return position < prunedThrough ? new ChangeLogGap(position, prunedThrough) : null;
    }

    /// <summary>The next page after <paramref name="after"/>, up to the newest change now.</summary>
    public async Task<ChangeLogPage> ReadAsync(long after, FeedAccess access, int limit, CancellationToken ct) =>
        await ReadAsync(after, await NewestAsync(ct).ConfigureAwait(false), access, limit, ct).ConfigureAwait(false);

    /// <summary>
    /// The events after <paramref name="after"/> up to <paramref name="newest"/> (read before, so that everything up to it
    /// counts as looked at), at most <paramref name="limit"/>. A change that carries nothing for the caller (a
    /// credit-publicity subscriber and a record that publishes nothing) is passed over like one outside the scope.
    /// </summary>
    public async Task<ChangeLogPage> ReadAsync(long after, long newest, FeedAccess access, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var through = Math.Max(after, newest);
        if (through == after)
            return ChangeLogPage.Empty(after);
        if (SubscriberEnvelope.ReadScope(access) is not { } scope)
            return ChangeLogPage.Empty(through);

        // One more than asked tells whether another page is already waiting.
        var changes = await log.ReadChangesAsync(after, through, scope, limit + 1, ct).ConfigureAwait(false);
        var hasMore = changes.Count > limit;
        var page = hasMore ? changes.Take(limit).ToList() : changes;
        var events = page.Select(change => SubscriberEnvelope.ToEvent(change, access)).OfType<SubscriberEvent>().ToList();
        return new ChangeLogPage(events, hasMore ? page[^1].Sequence : through, hasMore);
    }
}
