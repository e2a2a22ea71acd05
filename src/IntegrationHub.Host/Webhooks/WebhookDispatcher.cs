using IntegrationHub.Feeds;
using IntegrationHub.Feeds.Webhooks;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Webhooks;

/// <summary>
/// Delivers the change log to every enabled webhook (worker role). Per subscription, strictly in sequence order: the
/// next event in scope is not sent before the one in flight succeeded, so a failing endpoint holds back only its own
/// later events (head-of-line blocking) and per-record order is kept. Every step is in the store (cursor, failed
/// attempts, next attempt, delivery log), so a restart carries on where it stopped.
/// </summary>
public sealed partial class WebhookDispatcher(
    ISupervisionStore store,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly WebhookRetrySchedule _schedule = options.Value.Schedule();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new Dictionary<string, Task>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        try
        {
            do
            {
                foreach (var done in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
                    running.Remove(done);
                try
                {
                    foreach (var subscription in await store.ListSubscriptionsAsync(stoppingToken).ConfigureAwait(false))
                    {
                        if (subscription.Webhook is { Enabled: true } && !running.ContainsKey(subscription.Id))
                            running[subscription.Id] = DeliverGuardedAsync(subscription.Id, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPollFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        finally
        {
            await Task.WhenAll(running.Values).ConfigureAwait(false);
        }
    }

    private async Task DeliverGuardedAsync(string subscriptionId, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await DeliverAsync(subscriptionId, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The state in the store is unchanged by a failed step: the next poll takes it up again.
            LogDeliveryFailed(logger, subscriptionId, ex);
        }
    }

    /// <summary>Delivers what is due for one subscription until it is caught up or has to wait.</summary>
    private async Task DeliverAsync(string subscriptionId, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var subscription = await store.GetSubscriptionAsync(subscriptionId, ct).ConfigureAwait(false);
            if (subscription?.Webhook is not { Enabled: true })
                return;

            var state = await store.GetWebhookStateAsync(subscriptionId, ct).ConfigureAwait(false);
            if (state is null)
            {
                await store.StartWebhookStateAsync(subscriptionId, await store.LastChangeSequenceAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                continue;
            }

            await RedeliverRequestedAsync(subscription, ct).ConfigureAwait(false);
            if (state.NextAttemptAt is { } due && due > clock.GetUtcNow())
                return;

            var last = await store.LastChangeSequenceAsync(ct).ConfigureAwait(false);
            if (last <= state.Cursor)
                return;

            if (!await DeliverBatchAsync(subscription, state, last, ct).ConfigureAwait(false))
                return;
        }
    }

    /// <summary>
    /// Sends the next batch of in-scope changes after the cursor (up to <paramref name="last"/>), stopping at the first
    /// failure. True when the whole batch was delivered and there may be more.
    /// </summary>
    private async Task<bool> DeliverBatchAsync(Subscription subscription, WebhookDeliveryState state, long last, CancellationToken ct)
    {
        var batchSize = options.Value.BatchSize;
        var changes = SubscriberEnvelope.ReadScope(sender.AccessFor(subscription)) is { } scope
            ? await store.ReadChangesAsync(state.Cursor, last, scope, batchSize, ct).ConfigureAwait(false)
            : [];
        foreach (var change in changes)
        {
            var attempt = await sender.SendAsync(subscription, change, state.Attempt + 1, WebhookDeliveryTriggers.Dispatch, ct).ConfigureAwait(false);
            if (attempt is null)
            {
                // Nothing in this change for the subscriber: pass over it (the cursor is saved with the next delivery).
                state = state with { Cursor = change.Sequence };
                continue;
            }

            if (attempt.Succeeded)
            {
                state = state with { Cursor = change.Sequence, Attempt = 0, NextAttemptAt = null, UpdatedAt = clock.GetUtcNow() };
                if (!await store.RecordWebhookAttemptAsync(attempt.Delivery, state, ct).ConfigureAwait(false))
                    return true; // An operator rewound or reset the webhook meanwhile: start again from the store.
                continue;
            }

            await FailAsync(subscription, state, attempt, ct).ConfigureAwait(false);
            return false;
        }

        // Fewer than a batch: every change in scope up to `last` was delivered, so the cursor moves past the rest too.
        if (changes.Count < batchSize)
        {
            state = state with { Cursor = last, UpdatedAt = clock.GetUtcNow() };
            await store.RecordWebhookAttemptAsync(null, state, ct).ConfigureAwait(false);
            return false;
        }

        return true;
    }

    private async Task FailAsync(Subscription subscription, WebhookDeliveryState state, WebhookAttempt attempt, CancellationToken ct)
    {
        var failed = state.Attempt + 1;
        string? disabledBecause = null;
        DateTimeOffset? next = null;
        if (attempt.Gone)
        {
            disabledBecause = $"The receiver answered 410 Gone to event {attempt.Delivery.EventId} (seq {attempt.Delivery.Sequence}) at {attempt.Delivery.AttemptedAt:O}.";
        }
        else if (_schedule.DelayAfter(failed, attempt.RetryAfter, Random.Shared.NextDouble()) is { } delay)
        {
            next = clock.GetUtcNow() + delay;
        }
        else
        {
            disabledBecause = $"Event {attempt.Delivery.EventId} (seq {attempt.Delivery.Sequence}) failed {failed} attempts, the whole retry schedule; " +
                $"the last: {attempt.Delivery.Error ?? attempt.Delivery.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture)}.";
        }

        var saved = state with { Attempt = failed, NextAttemptAt = next, UpdatedAt = clock.GetUtcNow() };
        await store.RecordWebhookAttemptAsync(attempt.Delivery with { NextAttemptAt = next }, saved, ct).ConfigureAwait(false);
        if (disabledBecause is not null)
            await DisableAsync(subscription.Id, disabledBecause, ct).ConfigureAwait(false);
    }

    private async Task DisableAsync(string subscriptionId, string reason, CancellationToken ct)
    {
        // Read again: the subscription may have changed while the attempt was under way.
        if (await store.GetSubscriptionAsync(subscriptionId, ct).ConfigureAwait(false) is not { Webhook: { } webhook } subscription)
            return;
        var now = clock.GetUtcNow();
        await store.UpdateSubscriptionAsync(
            subscription with { Webhook = webhook with { Enabled = false, DisabledReason = reason, DisabledAt = now }, UpdatedAt = now },
            ct).ConfigureAwait(false);
        LogDisabled(logger, subscriptionId, reason);
    }

    /// <summary>Manual redeliveries: one attempt each, logged, outside the cursor (a failure is not retried).</summary>
    private async Task RedeliverRequestedAsync(Subscription subscription, CancellationToken ct)
    {
        foreach (var sequence in await store.ListWebhookRedeliveriesAsync(subscription.Id, ct).ConfigureAwait(false))
        {
            // Read through the scope as it is now: a redelivery never reaches past it.
            var changes = SubscriberEnvelope.ReadScope(sender.AccessFor(subscription)) is { } scope
                ? await store.ReadChangesAsync(sequence - 1, sequence, scope, 1, ct).ConfigureAwait(false)
                : [];
            if (changes is [var change]
                && await sender.SendAsync(subscription, change, 1, WebhookDeliveryTriggers.Redeliver, ct).ConfigureAwait(false) is { } attempt)
            {
                await store.AddWebhookDeliveryAsync(attempt.Delivery, ct).ConfigureAwait(false);
            }

            await store.RemoveWebhookRedeliveryAsync(subscription.Id, sequence, ct).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for webhooks to deliver failed; trying again at the next poll.")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery of subscription {SubscriptionId} failed; trying again at the next poll.")]
    private static partial void LogDeliveryFailed(ILogger logger, string subscriptionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook of subscription {SubscriptionId} disabled: {Reason}")]
    private static partial void LogDisabled(ILogger logger, string subscriptionId, string reason);
}
