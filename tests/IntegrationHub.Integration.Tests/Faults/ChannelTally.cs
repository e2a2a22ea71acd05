namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// What one pushed channel delivered, held against the pull feed: events that never came, ids the feed does not have,
/// and deliveries of an id that had come before (at-least-once: a subscriber deduplicating on the id sees each once).
/// </summary>
public sealed record ChannelTally(string Channel, int Received, int Missing, int Unknown, int Duplicates)
{
    public static ChannelTally Of(string channel, IReadOnlyCollection<string> ids, IReadOnlySet<string> expected)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(expected);
        var distinct = ids.ToHashSet(StringComparer.Ordinal);
        return new ChannelTally(channel, ids.Count, expected.Count(e => !distinct.Contains(e)), distinct.Count(d => !expected.Contains(d)), ids.Count - distinct.Count);
    }

    public override string ToString() => $"{Channel}: {Received} received, {Missing} missing, {Unknown} unknown, {Duplicates} again";
}
