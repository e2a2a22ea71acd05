namespace IntegrationHub.Feeds;

/// <summary>
/// The cursor points before the oldest change the feed still keeps (retention removed the events after it): the client
/// must resync from the records snapshot and continue from the feed cursor the snapshot returns.
/// </summary>
public sealed class FeedCursorExpiredException(string cursor, string oldestCursor)
    : Exception($"The feed cursor \"{cursor}\" is older than the feed's retention.")
{
    public string Cursor { get; } = cursor;

    /// <summary>The cursor from which the feed is complete again (events after it are all still kept).</summary>
    public string OldestCursor { get; } = oldestCursor;
}
