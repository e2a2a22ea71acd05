using System.Collections.Concurrent;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>The store's delivery cursors, counting the attempts each save carries.</summary>
public sealed class CountingCursors(IDeliveryCursors inner) : IDeliveryCursors
{
    public ConcurrentQueue<int> Attempts { get; } = new();

    public Task<DeliveryCursor?> GetAsync(string subscriptionId, string channel, CancellationToken ct) => inner.GetAsync(subscriptionId, channel, ct);

    public Task<IReadOnlyList<DeliveryCursor>> ListAsync(CancellationToken ct) => inner.ListAsync(ct);

    public Task<bool> StartAsync(string subscriptionId, string channel, long position, CancellationToken ct) => inner.StartAsync(subscriptionId, channel, position, ct);

    public Task<bool> SaveAsync(DeliveryCursor cursor, IReadOnlyList<WebhookDelivery> attempts, CancellationToken ct)
    {
        if (cursor.Channel == DeliveryChannels.Webhook)
            Attempts.Enqueue(attempts.Count);
        return inner.SaveAsync(cursor, attempts, ct);
    }

    public Task RecordReadPositionAsync(string subscriptionId, string channel, long position, CancellationToken ct) => inner.RecordReadPositionAsync(subscriptionId, channel, position, ct);

    public Task<bool> RewindAsync(string subscriptionId, string channel, long? toPosition, CancellationToken ct) => inner.RewindAsync(subscriptionId, channel, toPosition, ct);

    public Task RemoveAsync(string subscriptionId, string channel, CancellationToken ct) => inner.RemoveAsync(subscriptionId, channel, ct);
}
