using IntegrationHub.Store.Model;

namespace IntegrationHub.Store;

/// <summary>
/// Where each subscription stands on each channel (<see cref="DeliveryChannels"/>): one row per (subscription, channel)
/// holding all the state a delivery step needs, so the step can run in any process. A delivery cursor only moves
/// forward, and only while its generation is the one that was read; an operator's rewind or reset raises the generation.
/// </summary>
public interface IDeliveryCursors
{
    /// <summary>The cursor of the subscription's channel; null before the channel was first started.</summary>
    Task<DeliveryCursor?> GetAsync(string subscriptionId, string channel, CancellationToken ct);

    /// <summary>Every cursor of every subscription and channel (operators' health and lag figures).</summary>
    Task<IReadOnlyList<DeliveryCursor>> ListAsync(CancellationToken ct);

    /// <summary>Starts the channel after <paramref name="position"/>; false (and no change) when it has a cursor already.</summary>
    Task<bool> StartAsync(string subscriptionId, string channel, long position, CancellationToken ct);

    /// <summary>
    /// In one transaction: appends the webhook attempts to the delivery log (they happened, whether or not the cursor
    /// may move) and saves the cursor's position, failed attempts and next attempt — unless its generation changed since
    /// it was read (an operator rewound or reset it) or the stored position is further on (a cursor never moves back).
    /// Returns whether the cursor was saved.
    /// </summary>
    Task<bool> SaveAsync(DeliveryCursor cursor, IReadOnlyList<WebhookDelivery> attempts, CancellationToken ct);

    /// <summary>
    /// Remembers the position a pull reader sent (the cursor is the subscriber's own, so it is taken as sent, also
    /// when it is older), with the time, for its lag.
    /// </summary>
    Task RecordReadPositionAsync(string subscriptionId, string channel, long position, CancellationToken ct);

    /// <summary>
    /// An operator's rewind: clears the failed attempts (the event in flight is due at once) and, with
    /// <paramref name="toPosition"/>, moves the cursor back to it if it is further; raises the generation. False when
    /// the channel has no cursor.
    /// </summary>
    Task<bool> RewindAsync(string subscriptionId, string channel, long? toPosition, CancellationToken ct);

    /// <summary>Forgets the channel's cursor and what waits on it (a webhook's requested redeliveries); the delivery log stays.</summary>
    Task RemoveAsync(string subscriptionId, string channel, CancellationToken ct);
}
