namespace IntegrationHub.Feeds;

/// <summary>
/// The pull channel: pages of the change log read through the one <see cref="ChangeLogReader"/> — ascending,
/// at-least-once, resumable by an opaque cursor that the subscriber keeps, limited to the caller's scope before the limit
/// applies, with personal identifiers as the caller may see them; long-polling waits for the first event in scope, woken by
/// <see cref="ChangeLogSignal"/> when the store commits.
/// </summary>
public sealed class FeedReader(ChangeLogReader reader, ChangeLogSignal signal, TimeProvider clock)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The longest a long-poll request waits for a new event.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <summary>How often a waiting request looks for new changes without a commit notice (a cheap query of the highest sequence): the backstop.</summary>
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
        // Noted before looking: a commit between the look and the wait is not missed.
        var seen = signal.Version;
        var scanned = await reader.NewestAsync(ct).ConfigureAwait(false);
        var page = await reader.ReadAsync(afterSequence, scanned, access, limit, ct).ConfigureAwait(false);
        while (page.Events.Count == 0 && clock.GetUtcNow() < deadline)
        {
            var left = deadline - clock.GetUtcNow();
            await signal.WaitAsync(seen, left < PollInterval ? left : PollInterval, clock, ct).ConfigureAwait(false);
            seen = signal.Version;
            var last = await reader.NewestAsync(ct).ConfigureAwait(false);
            if (last == scanned)
                continue;
            scanned = last;
            page = await reader.ReadAsync(afterSequence, scanned, access, limit, ct).ConfigureAwait(false);
        }

        return new FeedPage([.. page.Events.Select(e => e.ToJsonObject())], FeedCursor.Encode(page.Next), page.HasMore);
    }

    /// <summary>The sequence a cursor stands for, checked against the retention.</summary>
    public async Task<long> StartAsync(string? after, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(after))
            return 0;
        if (!FeedCursor.TryDecode(after, out var afterSequence))
            throw new MalformedFeedCursorException(after);

        // A cursor is the subscriber's: a gap cannot be passed over silently, the subscriber must resync.
        if (await reader.FindGapAsync(afterSequence, ct).ConfigureAwait(false) is { } gap)
            throw new FeedCursorExpiredException(after, FeedCursor.Encode(gap.PrunedThrough));
        return afterSequence;
    }
}
