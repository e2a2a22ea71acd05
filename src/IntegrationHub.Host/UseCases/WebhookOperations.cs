using System.Security.Claims;
using IntegrationHub.Host.Apis;
using IntegrationHub.Host.Apis.Subscriptions;
using IntegrationHub.Host.Audit;
using IntegrationHub.Host.Security;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.UseCases;

/// <summary>
/// What an operator does at 8 a.m. once a receiver is fixed: re-enable a webhook the hub disabled, send one event
/// again, or re-send everything since a time. Allowed to operators, administrators and the subscription's own key
/// with <c>webhooks:manage</c>; each success is audited. (The URL and the secrets stay with the administrator and the
/// subscriber: <see cref="WebhooksApi"/>.)
/// </summary>
public sealed class WebhookOperations(ISubscriptionStore subscriptions, IWebhookDeliveryStore deliveries, IChangeLog changes, IDeliveryCursors cursors, TimeProvider clock, IAuditLog audit)
{
    /// <summary>Delivery resumes with the event that failed, at once, with a fresh retry schedule.</summary>
    public async Task<Outcome<WebhookEndpointView>> EnableAsync(Caller caller, string subscriptionId, CancellationToken ct)
    {
        if (await FindAsync(caller, subscriptionId, ct).ConfigureAwait(false) is not { Webhook: { } webhook } subscription)
            return NotFoundOrForbidden(caller.User, subscriptionId);
        var enabled = webhook with { Enabled = true, DisabledReason = null, DisabledAt = null };
        await cursors.RewindAsync(subscriptionId, DeliveryChannels.Webhook, null, ct).ConfigureAwait(false);
        await subscriptions.UpdateSubscriptionAsync(subscription with { Webhook = enabled, UpdatedAt = clock.GetUtcNow() }, ct).ConfigureAwait(false);
        await audit.RecordAsync(caller, AuditActions.WebhookEnable, subscriptionId, null, ct).ConfigureAwait(false);
        return WebhookEndpointView.From(enabled);
    }

    /// <summary>One delivered event sent once more, with its webhook-id, outside the cursor's order; answers where the log is.</summary>
    public async Task<Outcome<string>> RedeliverAsync(Caller caller, string subscriptionId, string eventId, CancellationToken ct)
    {
        if (await FindAsync(caller, subscriptionId, ct).ConfigureAwait(false) is not { Webhook: not null })
            return NotFoundOrForbidden(caller.User, subscriptionId);
        if (await deliveries.FindDeliveredSequenceAsync(subscriptionId, eventId, ct).ConfigureAwait(false) is not { } sequence)
            return UseCaseProblem.NotFound("delivered event", "eventId", eventId, "webhook.delivered-event");
        await deliveries.RequestWebhookRedeliveryAsync(subscriptionId, sequence, ct).ConfigureAwait(false);
        await audit.RecordAsync(caller, AuditActions.WebhookRedeliver, subscriptionId, $"eventId {eventId}", ct).ConfigureAwait(false);
        return DeliveriesOf(subscriptionId);
    }

    /// <summary>The cursor moved back to the first change at or after <paramref name="since"/>: every event in scope from there is sent again, in order.</summary>
    public async Task<Outcome<WebhookReplayView>> ReplayAsync(Caller caller, string subscriptionId, DateTimeOffset since, string sinceAsGiven, CancellationToken ct)
    {
        if (await FindAsync(caller, subscriptionId, ct).ConfigureAwait(false) is not { Webhook: not null })
            return NotFoundOrForbidden(caller.User, subscriptionId);
        var first = await changes.FirstChangeSequenceSinceAsync(since, ct).ConfigureAwait(false);
        if (first is { } sequence)
            await cursors.RewindAsync(subscriptionId, DeliveryChannels.Webhook, sequence - 1, ct).ConfigureAwait(false);
        await audit.RecordAsync(caller, AuditActions.WebhookReplay, subscriptionId, $"since {sinceAsGiven}", ct).ConfigureAwait(false);
        return new WebhookReplayView(since, first);
    }

    public static string DeliveriesOf(string subscriptionId) => $"{HubApis.Prefix}/subscriptions/{subscriptionId}/webhook/deliveries";

    /// <summary>Not found for a key that may not see the subscription; forbidden, naming the scope, for its own key without <c>webhooks:manage</c>.</summary>
    public static UseCaseProblem NotFoundOrForbidden(ClaimsPrincipal user, string subscriptionId) =>
        SubscriptionAccess.MayManage(user, subscriptionId) && !CallerAccess.HasScope(user, HubScopes.WebhooksManage)
            ? UseCaseProblem.Forbidden("Authorization", null, "scope.webhooks-manage",
                $"Managing the webhook of subscription '{subscriptionId}' needs a key with the scope {HubScopes.WebhooksManage}.")
            : UseCaseProblem.NotFound("subscription", "id", subscriptionId);

    /// <summary>Whether the key may manage the subscription's webhook: an administrator, or its own key with webhooks:manage.</summary>
    public static bool MayManageWebhook(ClaimsPrincipal user, string subscriptionId) =>
        SubscriptionAccess.MayManage(user, subscriptionId) && CallerAccess.HasScope(user, HubScopes.WebhooksManage);

    private async Task<Subscription?> FindAsync(Caller caller, string subscriptionId, CancellationToken ct) =>
        caller.User.IsInRole(HubRoles.Operator) || MayManageWebhook(caller.User, subscriptionId)
            ? await subscriptions.GetSubscriptionAsync(subscriptionId, ct).ConfigureAwait(false)
            : null;
}
