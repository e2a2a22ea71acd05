namespace IntegrationHub.Feeds;

/// <summary>
/// Retention removed changes a subscriber had not had: its position <see cref="From"/> is older than
/// <see cref="PrunedThrough"/>, the newest sequence removed. The pull feed answers 410 Gone; a pushed channel continues
/// from the oldest kept change and the subscriber resyncs from the records snapshot.
/// </summary>
public sealed record ChangeLogGap(long From, long PrunedThrough);
