using IntegrationHub.Host.Apis.Subscriptions;
using IntegrationHub.Host.Security;
using IntegrationHub.Host.UseCases;
using IntegrationHub.Operations;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Host.Dashboard.Pages;

/// <summary>One subscription: its health per channel, the webhook's delivery log, redeliver and re-enable (the API's own handlers).</summary>
[DashboardAuthorize(HubPolicies.Operator)]
public sealed class SubscriptionModel(ISubscriptionStore subscriptions, IWebhookDeliveryStore deliveries, SubscriptionHealthService health) : DashboardPage
{
    public const int Deliveries = 100;

    public Subscription? Subscription { get; private set; }

    public SubscriptionHealth? Health { get; private set; }

    public IReadOnlyList<WebhookDeliveryView> Log { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        Subscription = await subscriptions.GetSubscriptionAsync(id, ct).ConfigureAwait(false);
        if (Subscription is null)
            return NotFound();
        Health = (await health.EvaluateAsync(ct).ConfigureAwait(false)).FirstOrDefault(h => h.Id == id);
        Log = [.. (await deliveries.ListWebhookDeliveriesAsync(id, null, Deliveries, ct).ConfigureAwait(false)).Select(WebhookDeliveryView.From)];
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(string id, [FromServices] WebhookOperations operations, CancellationToken ct)
    {
        var outcome = await operations.EnableAsync(Caller.Of(HttpContext), id, ct).ConfigureAwait(false);
        Message = outcome.Problem is { } problem ? Text.Problem + problem.Detail : Text.ReEnabled;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRedeliverAsync(string id, string eventId, [FromServices] WebhookOperations operations, CancellationToken ct)
    {
        var outcome = await operations.RedeliverAsync(Caller.Of(HttpContext), id, eventId, ct).ConfigureAwait(false);
        Message = outcome.Problem is { } problem ? Text.Problem + problem.Detail : Text.Redelivering;
        return RedirectToPage(new { id });
    }
}
