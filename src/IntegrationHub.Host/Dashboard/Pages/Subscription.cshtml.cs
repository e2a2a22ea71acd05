using IntegrationHub.Host.Apis.Subscriptions;
using IntegrationHub.Host.Audit;
using IntegrationHub.Host.Operations;
using IntegrationHub.Host.Security;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Host.Dashboard.Pages;

/// <summary>One subscription: its health per channel, the webhook's delivery log, redeliver and re-enable (the API's own handlers).</summary>
[DashboardAuthorize(HubPolicies.Operator)]
public sealed class SubscriptionModel(ISupervisionStore store, SubscriptionHealthService health) : DashboardPage
{
    public const int Deliveries = 100;

    public Subscription? Subscription { get; private set; }

    public SubscriptionHealth? Health { get; private set; }

    public IReadOnlyList<WebhookDeliveryView> Log { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        Subscription = await store.GetSubscriptionAsync(id, ct).ConfigureAwait(false);
        if (Subscription is null)
            return NotFound();
        Health = (await health.EvaluateAsync(ct).ConfigureAwait(false)).FirstOrDefault(h => h.Id == id);
        Log = [.. (await store.ListWebhookDeliveriesAsync(id, null, Deliveries, ct).ConfigureAwait(false)).Select(WebhookDeliveryView.From)];
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(
        string id, [FromServices] IDeliveryCursors cursors, [FromServices] TimeProvider clock, [FromServices] IAuditLog audit, CancellationToken ct)
    {
        var result = await WebhooksApi.EnableWebhook(id, User, store, cursors, clock, ct).ConfigureAwait(false);
        if (result.Result is not ProblemHttpResult)
            await audit.RecordAsync(HttpContext, AuditActions.WebhookEnable, id, null, ct).ConfigureAwait(false);
        Message = result.Result is ProblemHttpResult problem ? Text.Problem + problem.ProblemDetails.Detail : Text.ReEnabled;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRedeliverAsync(string id, string eventId, [FromServices] IAuditLog audit, CancellationToken ct)
    {
        var result = await WebhooksApi.Redeliver(id, eventId, User, store, ct).ConfigureAwait(false);
        if (result.Result is not ProblemHttpResult)
            await audit.RecordAsync(HttpContext, AuditActions.WebhookRedeliver, id, $"eventId {eventId}", ct).ConfigureAwait(false);
        Message = result.Result is ProblemHttpResult problem ? Text.Problem + problem.ProblemDetails.Detail : Text.Redelivering;
        return RedirectToPage(new { id });
    }
}
