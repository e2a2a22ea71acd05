using IntegrationHub.Store.Model;

namespace IntegrationHub.Feeds.Channels;

/// <summary>
/// A channel the hub pushes the change log to (webhook, AMQP): how it sends a page of events. Reading the log, the scope,
/// the envelope and the cursor belong to <see cref="ChannelDelivery"/>, the same for every channel.
/// </summary>
public interface IChannelSink
{
    /// <summary>One of <see cref="DeliveryChannels"/>: the cursor's key and the <c>hub.feed.channel</c> tag.</summary>
    string Channel { get; }

    /// <summary>Changes read from the log per step of this subscription, at most.</summary>
    int BatchSize(Subscription subscription);

    /// <summary>How often the delivery service looks for new changes and due retries.</summary>
    TimeSpan PollInterval { get; }

    /// <summary>How long a subscription's delivery rests after a step failed with an exception (the broker gone, say).</summary>
    TimeSpan RetryAfterFailure { get; }

    /// <summary>Where a subscription's first cursor on this channel starts.</summary>
    CursorStart Start { get; }

    /// <summary>Whether the subscription uses the channel now (a webhook set and enabled; AMQP switched on).</summary>
    bool Delivers(Subscription subscription);

    /// <summary>What comes before the pending events at every step: declaring a queue, sending manual redeliveries.</summary>
    Task PrepareAsync(Subscription subscription, FeedAccess access, CancellationToken ct);

    /// <summary>
    /// Sends the events in order, reporting progress through <paramref name="progress"/> as far as the channel needs
    /// (per event, or not at all when the batch either all goes or fails). True when every event was delivered; false
    /// when it stopped at a failure it recorded with <see cref="DeliveryProgress.FailedAsync"/>, or when the progress
    /// was superseded. An exception leaves the cursor where it was: the events are delivered again, with the same ids.
    /// </summary>
    Task<bool> DeliverAsync(Subscription subscription, IReadOnlyList<SubscriberEvent> events, DeliveryProgress progress, CancellationToken ct);
}
