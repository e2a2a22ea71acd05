using System.Security.Claims;
using IntegrationHub.Feeds.Delivery.Webhooks;
using IntegrationHub.Host.Audit;
using IntegrationHub.Host.Security;
using IntegrationHub.Host.UseCases;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Apis.Subscriptions;

/// <summary>
/// A subscription's webhook endpoint (FEEDS.md §1, §2, §6): the URL (checked against the egress policy), its signing
/// secrets, re-enabling after the hub disabled it, the delivery log, manual redelivery and replay since a time. An
/// administrator manages any subscription's webhook; a subscriber key its own, with the <c>webhooks:manage</c> scope.
/// </summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("subscriptions/{id}/webhook").WithTags("Webhooks");

        api.MapPut("/", SetWebhook).Audited(AuditActions.WebhookSet)
            .WithName("SetWebhook")
            .WithSummary("Set the subscription's webhook URL")
            .WithDescription("https only; a URL whose host is, or resolves to, a private, loopback, link-local or metadata address is refused unless the administrator allows its range (Hub:Webhooks:AllowedRanges). On first set the answer carries the signing secret (whsec_…) once. maxEventsPerRequest (1–1000, default 1) above 1 switches the endpoint to CloudEvents batches: each request a JSON array (application/cloudevents-batch+json) of up to that many consecutive events, in order.");

        api.MapDelete("/", RemoveWebhook).Audited(AuditActions.WebhookRemove)
            .WithName("RemoveWebhook")
            .WithSummary("Remove the subscription's webhook")
            .WithDescription("Stops delivery and forgets the delivery cursor; the delivery log stays.");

        api.MapPost("/secrets", RotateSecret).Audited(AuditActions.WebhookRotateSecret)
            .WithName("RotateWebhookSecret")
            .WithSummary("Rotate the webhook's signing secret")
            .WithDescription("A new secret, shown once in the answer. The previous one keeps signing next to it for the overlap (Hub:Webhooks:SecretOverlap, default 24 h): deliveries carry both signatures.");

        api.MapPost("/enable", EnableWebhook)
            .WithName("EnableWebhook")
            .WithSummary("Re-enable a disabled webhook")
            .WithDescription("The hub disables an endpoint that answered 410 Gone or failed the whole retry schedule. Enabling it resumes delivery with the event that failed, at once, with a fresh retry schedule.");

        api.MapGet("/deliveries", ListDeliveries)
            .WithName("ListWebhookDeliveries")
            .WithSummary("The webhook's delivery log")
            .WithDescription("Newest first: event id, seq, attempt, status code, latency, the start of the answer (at most 1 KB), error and next attempt. Page with before={id}.");

        api.MapPost("/deliveries/{eventId}/redeliver", Redeliver)
            .WithName("RedeliverWebhookEvent")
            .WithSummary("Send one event again")
            .WithDescription("An event from the delivery log is sent once more, with the same webhook-id, outside the order of the cursor; it shows in the log with trigger 'redeliver'.");

        api.MapPost("/replay", Replay)
            .WithName("ReplayWebhook")
            .WithSummary("Re-send everything since a time")
            .WithDescription("Moves the webhook's cursor back to the first change at or after since (RFC 3339 or a date): every event in scope from there is sent again, in order, with its original webhook-id. Events older than the feed retention are gone.");

        return app;
    }

    public static async Task<Results<Ok<WebhookEndpointView>, Created<WebhookEndpointView>, ValidationProblem, ProblemHttpResult>> SetWebhook(
        string id, WebhookRequest request, ClaimsPrincipal user, ISubscriptionStore store, IChangeLog changes, IDeliveryCursors cursors,
        WebhookSecrets secrets, IOptions<WebhookOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (await FindAsync(id, user, store, ct).ConfigureAwait(false) is not { } subscription)
            return NotFoundOrForbidden(id, user);

        if (string.IsNullOrWhiteSpace(request.Url))
            return ApiProblems.Invalid("url", request.Url, "webhook.url-required", "is required: the absolute https URL the hub POSTs events to.");
        if (!Uri.TryCreate(request.Url.Trim(), UriKind.Absolute, out var url))
            return ApiProblems.Invalid("url", request.Url, "webhook.url-format", "must be an absolute URL such as https://supervision.example.gov.cn/hub-events.");
        if (options.Value.Policy().CheckTarget(url) is { } refusal)
        {
            return ApiProblems.Invalid("url", request.Url, "webhook.egress",
                $"is refused: {refusal}. Webhooks go to public https endpoints; an administrator can allow a private range with Hub:Webhooks:AllowedRanges.");
        }

        if (request.MaxEventsPerRequest is < 1 or > WebhookRequest.MaxEventsPerRequestLimit)
        {
            return ApiProblems.Invalid("maxEventsPerRequest", request.MaxEventsPerRequest.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "webhook.max-events-per-request",
                $"must be from 1 (each event alone) to {WebhookRequest.MaxEventsPerRequestLimit} (CloudEvents batches of up to that many events, at most Hub:Webhooks:MaxRequestBytes a body).");
        }

        var now = clock.GetUtcNow();
        if (subscription.Webhook is { } current)
        {
            var changed = current with { Url = url.AbsoluteUri, MaxEventsPerRequest = request.MaxEventsPerRequest ?? current.MaxEventsPerRequest };
            await store.UpdateSubscriptionAsync(subscription with { Webhook = changed, UpdatedAt = now }, ct).ConfigureAwait(false);
            return TypedResults.Ok(WebhookEndpointView.From(changed));
        }

        var (entry, secret) = secrets.Generate();
        var channel = new WebhookChannel { Url = url.AbsoluteUri, Secrets = [entry], MaxEventsPerRequest = request.MaxEventsPerRequest ?? 1 };
        // Delivery starts with the changes after this moment; earlier ones are in the pull feed (or a replay). A state left
        // by a removed subscription of the same id is not taken over.
        await cursors.RemoveAsync(id, DeliveryChannels.Webhook, ct).ConfigureAwait(false);
        await cursors.StartAsync(id, DeliveryChannels.Webhook, await changes.LastChangeSequenceAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        await store.UpdateSubscriptionAsync(subscription with { Webhook = channel, UpdatedAt = now }, ct).ConfigureAwait(false);
        return TypedResults.Created($"{HubApis.Prefix}/subscriptions/{id}/webhook", WebhookEndpointView.From(channel, secret.Export()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveWebhook(
        string id, ClaimsPrincipal user, ISubscriptionStore store, IDeliveryCursors cursors, TimeProvider clock, CancellationToken ct)
    {
        if (await FindAsync(id, user, store, ct).ConfigureAwait(false) is not { Webhook: not null } subscription)
            return NotFoundOrForbidden(id, user);
        await store.UpdateSubscriptionAsync(subscription with { Webhook = null, UpdatedAt = clock.GetUtcNow() }, ct).ConfigureAwait(false);
        await cursors.RemoveAsync(id, DeliveryChannels.Webhook, ct).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WebhookEndpointView>, ProblemHttpResult>> RotateSecret(
        string id, ClaimsPrincipal user, ISubscriptionStore store, WebhookSecrets secrets, IOptions<WebhookOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        if (await FindAsync(id, user, store, ct).ConfigureAwait(false) is not { Webhook: { } webhook } subscription)
            return NotFoundOrForbidden(id, user);
        var (rotated, secret) = secrets.Rotate(webhook, options.Value.SecretOverlap);
        await store.UpdateSubscriptionAsync(subscription with { Webhook = rotated, UpdatedAt = clock.GetUtcNow() }, ct).ConfigureAwait(false);
        return TypedResults.Ok(WebhookEndpointView.From(rotated, secret.Export()));
    }

    /// <summary>Audited by the use case (<see cref="WebhookOperations"/>), as are redelivery and replay.</summary>
    public static async Task<Results<Ok<WebhookEndpointView>, ProblemHttpResult>> EnableWebhook(
        string id, WebhookOperations operations, HttpContext http, CancellationToken ct)
    {
        var outcome = await operations.EnableAsync(Caller.Of(http), id, ct).ConfigureAwait(false);
        return outcome.Value is { } enabled ? TypedResults.Ok(enabled) : ApiProblems.Problem(outcome.Problem!);
    }

    public static async Task<Results<Ok<IReadOnlyList<WebhookDeliveryView>>, ValidationProblem, ProblemHttpResult>> ListDeliveries(
        string id, string? limit, long? before, ClaimsPrincipal user, ISubscriptionStore store, IWebhookDeliveryStore log, CancellationToken ct)
    {
        if (ApiProblems.ParseLimit(limit, 100, 1000, out var pageSize) is { } invalid)
            return invalid;
        var subscription = user.IsInRole(HubRoles.Operator)
            ? await store.GetSubscriptionAsync(id, ct).ConfigureAwait(false)
            : await FindAsync(id, user, store, ct).ConfigureAwait(false);
        if (subscription is null)
            return NotFoundOrForbidden(id, user);
        var deliveries = await log.ListWebhookDeliveriesAsync(id, before, pageSize, ct).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<WebhookDeliveryView>>([.. deliveries.Select(WebhookDeliveryView.From)]);
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> Redeliver(
        string id, string eventId, WebhookOperations operations, HttpContext http, CancellationToken ct)
    {
        var outcome = await operations.RedeliverAsync(Caller.Of(http), id, eventId, ct).ConfigureAwait(false);
        return outcome.Value is { } deliveries ? TypedResults.Accepted(deliveries) : ApiProblems.Problem(outcome.Problem!);
    }

    public static async Task<Results<Accepted<WebhookReplayView>, ValidationProblem, ProblemHttpResult>> Replay(
        string id, string? since, WebhookOperations operations, HttpContext http, CancellationToken ct)
    {
        if (ApiProblems.ParseTimestamp("since", since, out var from) is { } invalid)
            return invalid;
        if (from is not { } start)
            return ApiProblems.Invalid("since", since, "webhook.replay-since-required", "is required: the time from which to re-send, such as 2024-05-01T08:00:00+08:00.");
        var outcome = await operations.ReplayAsync(Caller.Of(http), id, start, since!, ct).ConfigureAwait(false);
        return outcome.Value is { } replay
            ? TypedResults.Accepted(WebhookOperations.DeliveriesOf(id), replay)
            : ApiProblems.Problem(outcome.Problem!);
    }

    /// <summary>The subscription, when the caller may manage its webhook: an administrator, or its own key with webhooks:manage.</summary>
    private static async Task<Subscription?> FindAsync(string id, ClaimsPrincipal user, ISubscriptionStore store, CancellationToken ct) =>
        WebhookOperations.MayManageWebhook(user, id) ? await store.GetSubscriptionAsync(id, ct).ConfigureAwait(false) : null;

    private static ProblemHttpResult NotFoundOrForbidden(string id, ClaimsPrincipal user) =>
        ApiProblems.Problem(WebhookOperations.NotFoundOrForbidden(user, id));
}
