using IntegrationHub.Store.Model;

namespace IntegrationHub.Feeds.Delivery.Webhooks;

/// <summary>What one POST to a webhook endpoint came to: the log entry and, on failure, the receiver's Retry-After.</summary>
public sealed record WebhookAttempt(WebhookDelivery Delivery, TimeSpan? RetryAfter)
{
    public bool Succeeded => Delivery.Succeeded;

    /// <summary>410 Gone: the receiver asks the hub to stop (Standard Webhooks, CloudEvents webhook spec).</summary>
    public bool Gone => Delivery.StatusCode == (int)System.Net.HttpStatusCode.Gone;
}
