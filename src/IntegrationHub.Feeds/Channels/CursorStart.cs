namespace IntegrationHub.Feeds.Channels;

/// <summary>Where a subscription's delivery on a channel starts when it has no cursor yet.</summary>
public enum CursorStart
{
    /// <summary>From the oldest change kept: a new AMQP queue receives the whole retained log.</summary>
    OldestKept,

    /// <summary>After the newest change: a new webhook receives what happens from now on.</summary>
    Newest,
}
