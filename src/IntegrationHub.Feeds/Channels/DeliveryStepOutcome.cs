namespace IntegrationHub.Feeds.Channels;

public enum DeliveryStepOutcome
{
    /// <summary>Everything up to the newest change is delivered (or passed over).</summary>
    CaughtUp,

    /// <summary>A batch went and more may be pending, or the cursor was started or changed: step again at once.</summary>
    More,

    /// <summary>The event in flight failed and is due later: step again at the next poll.</summary>
    Waiting,

    /// <summary>The subscription does not use the channel (any more).</summary>
    Inactive,

    /// <summary>Another process delivers this channel (<see cref="IDeliveryOwnership"/>).</summary>
    NotMine,
}
