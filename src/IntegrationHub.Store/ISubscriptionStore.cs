using IntegrationHub.Store.Model;

namespace IntegrationHub.Store;

/// <summary>Subscriptions of supervision systems: scope, channels and webhook settings.</summary>
public interface ISubscriptionStore
{
    /// <summary>False when a subscription with the id exists already.</summary>
    Task<bool> AddSubscriptionAsync(Subscription subscription, CancellationToken ct);

    Task<Subscription?> GetSubscriptionAsync(string id, CancellationToken ct);

    Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(CancellationToken ct);

    /// <summary>Replaces the stored subscription (name, kind, scope, filter, channels); false when unknown.</summary>
    Task<bool> UpdateSubscriptionAsync(Subscription subscription, CancellationToken ct);

    /// <summary>Removes the subscription and revokes its keys; false when unknown.</summary>
    Task<bool> RemoveSubscriptionAsync(string id, CancellationToken ct);
}
