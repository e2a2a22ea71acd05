using IntegrationHub.Store.Model;

namespace IntegrationHub.Store;

/// <summary>The webhook delivery log (every attempt) and the redeliveries operators asked for.</summary>
public interface IWebhookDeliveryStore
{
    /// <summary>Appends an attempt to the delivery log without touching the state (manual redeliveries).</summary>
    Task AddWebhookDeliveryAsync(WebhookDelivery delivery, CancellationToken ct);

    /// <summary>The delivery log, newest first, before the entry <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListWebhookDeliveriesAsync(string subscriptionId, long? beforeId, int limit, CancellationToken ct);

    /// <summary>The change-log sequence of an event the webhook has attempted; null when it never did.</summary>
    Task<long?> FindDeliveredSequenceAsync(string subscriptionId, string eventId, CancellationToken ct);

    Task RequestWebhookRedeliveryAsync(string subscriptionId, long sequence, CancellationToken ct);

    /// <summary>Sequences waiting for a manual redelivery, oldest request first.</summary>
    Task<IReadOnlyList<long>> ListWebhookRedeliveriesAsync(string subscriptionId, CancellationToken ct);

    Task RemoveWebhookRedeliveryAsync(string subscriptionId, long sequence, CancellationToken ct);
}
