using System.Text.Json.Nodes;
using IntegrationHub.Store;

namespace IntegrationHub.Feeds;

/// <summary>
/// Reads the pull feed from the store's change log (our outbox): ascending, at-least-once, resumable by cursor, limited
/// to the caller's scope before the limit applies, with personal identifiers as the caller may see them.
/// </summary>
public sealed class FeedReader(ISupervisionStore store, TimeProvider clock)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The longest a long-poll request waits for a new event.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <summary>How often a waiting request looks for new changes (a cheap query of the highest sequence).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The page of events after <paramref name="after"/> (null or empty = from the oldest kept). <see cref="FeedPage.NextCursor"/>
    /// is the last event returned, or — when the caller has seen everything in its scope — the newest position scanned,
    /// so a subscriber whose scope matches nothing still moves forward. With <paramref name="wait"/>, an empty page is
    /// only returned after waiting that long for an event in scope.
    /// </summary>
    /// <exception cref="MalformedFeedCursorException"><paramref name="after"/> is not a cursor the feed issued.</exception>
    /// <exception cref="FeedCursorExpiredException"><paramref name="after"/> is older than the retention.</exception>
    public async Task<FeedPage> ReadAsync(string? after, int limit, FeedAccess access, TimeSpan wait, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        ArgumentNullException.ThrowIfNull(access);

        var afterSequence = await StartAsync(after, ct).ConfigureAwait(false);
        var deadline = clock.GetUtcNow() + (wait > MaxWait ? MaxWait : wait);
        var scanned = await store.LastChangeSequenceAsync(ct).ConfigureAwait(false);
        var page = await ReadPageAsync(afterSequence, scanned, limit, access, ct).ConfigureAwait(false);
        while (page.Data.Count == 0 && clock.GetUtcNow() < deadline)
        {
            await Task.Delay(PollInterval, clock, ct).ConfigureAwait(false);
            var last = await store.LastChangeSequenceAsync(ct).ConfigureAwait(false);
            if (last == scanned)
                continue;
            scanned = last;
            page = await ReadPageAsync(afterSequence, scanned, limit, access, ct).ConfigureAwait(false);
        }

        return page;
    }

    /// <summary>The sequence a cursor stands for, checked against the retention.</summary>
    public async Task<long> StartAsync(string? after, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(after))
            return 0;
        if (!FeedCursor.TryDecode(after, out var afterSequence))
            throw new MalformedFeedCursorException(after);

        var prunedThrough = await store.GetPrunedThroughAsync(ct).ConfigureAwait(false);
        if (afterSequence < prunedThrough)
            throw new FeedCursorExpiredException(after, FeedCursor.Encode(prunedThrough));
        return afterSequence;
    }

    /// <param name="newest">The newest sequence, read before the page: everything up to it is scanned, so it is the cursor when fewer than limit match.</param>
    private async Task<FeedPage> ReadPageAsync(long afterSequence, long newest, int limit, FeedAccess access, CancellationToken ct)
    {
        var through = Math.Max(afterSequence, newest);
        if (SubscriberEnvelope.ReadScope(access) is not { } scope)
            return new FeedPage([], FeedCursor.Encode(through), false);

        // One more than asked tells whether another page is already waiting.
        var changes = await store.ReadChangesAsync(afterSequence, through, scope, limit + 1, ct).ConfigureAwait(false);
        var hasMore = changes.Count > limit;
        var page = hasMore ? changes.Take(limit).ToList() : changes;

        // A credit-publicity subscriber skips changes without a publishable row; the cursor still passes them.
        var events = page.Select(change => SubscriberEnvelope.ToJsonObject(change, access)).OfType<JsonObject>().ToList();
        var next = hasMore ? page[^1].Sequence : through;
        return new FeedPage(events, FeedCursor.Encode(next), hasMore);
    }
}
