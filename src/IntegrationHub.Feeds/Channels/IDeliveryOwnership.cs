namespace IntegrationHub.Feeds.Channels;

/// <summary>
/// Whether this process delivers a subscription's channel now. With several worker processes on one store, each
/// (subscription, channel) must be delivered by exactly one of them at a time: an implementation backed by a lease in
/// the store answers from it, and <see cref="ChannelDelivery"/> asks before every step, so a process that lost the
/// lease stops after the batch in flight (which the new owner may deliver again, with the same event ids).
/// </summary>
public interface IDeliveryOwnership
{
    ValueTask<bool> IsMineAsync(string subscriptionId, string channel, CancellationToken ct);
}
