namespace IntegrationHub.Feeds;

/// <summary>
/// What a subscriber gets from the change log after its position: the events in its scope, oldest first; the position to
/// continue from (<see cref="Next"/>: the last event when <see cref="HasMore"/>, otherwise the newest change looked at,
/// so changes outside the scope are passed over too); and whether more changes are already waiting.
/// </summary>
public sealed record ChangeLogPage(IReadOnlyList<SubscriberEvent> Events, long Next, bool HasMore)
{
    /// <summary>Nothing new after <paramref name="position"/>.</summary>
    public static ChangeLogPage Empty(long position) => new([], position, false);
}
