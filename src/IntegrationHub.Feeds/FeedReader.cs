using IntegrationHub.Store;

namespace IntegrationHub.Feeds;

/// <summary>
/// Reads the pull feed from the store's change log (our outbox): ascending, at-least-once, resumable by cursor.
/// </summary>
public sealed class FeedReader(ISupervisionStore store)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>
    /// The page of events after <paramref name="after"/> (null or empty = from the beginning).
    /// <see cref="FeedPage.NextCursor"/> is the last event read, or the position asked for when nothing is new.
    /// </summary>
    /// <exception cref="MalformedFeedCursorException"><paramref name="after"/> is not a cursor the feed issued.</exception>
    public async Task<FeedPage> ReadAsync(string? after, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);

        long afterSequence = 0;
        if (!string.IsNullOrEmpty(after) && !FeedCursor.TryDecode(after, out afterSequence))
            throw new MalformedFeedCursorException(after);

        // One more than asked tells whether another page is already waiting.
        var changes = await store.ReadChangesAsync(afterSequence, limit + 1, ct).ConfigureAwait(false);
        var hasMore = changes.Count > limit;
        var page = hasMore ? changes.Take(limit).ToList() : changes;

        var events = page.Select(ChangeEventEnvelope.ToJsonObject).ToList();
        var last = page.Count > 0 ? page[^1].Sequence : afterSequence;
        return new FeedPage(events, FeedCursor.Encode(last), hasMore);
    }
}
