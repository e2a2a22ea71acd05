using IntegrationHub.Feeds.Channels;
using IntegrationHub.Store.Leases;

namespace IntegrationHub.Feeds.Delivery;

/// <summary>
/// The cluster's delivery: the process holding the <see cref="LeaseNames.Delivery"/> lease delivers every pushed
/// channel; the others stand by and take over when it stops renewing. Asked before every step, so a process that lost
/// the lease stops after the batch in flight.
/// </summary>
public sealed class LeaseOwnership(LeaseKeeper leases) : IDeliveryOwnership
{
    public async ValueTask<bool> IsMineAsync(string subscriptionId, string channel, CancellationToken ct) =>
        await leases.TryHoldAsync(LeaseNames.Delivery, ct).ConfigureAwait(false);
}
