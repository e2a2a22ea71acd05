using System.Globalization;
using IntegrationHub.Feeds.Channels;
using IntegrationHub.Feeds.Webhooks;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Feeds.Delivery.Webhooks;

/// <summary>
/// The webhook channel: strictly in sequence order, the next event in scope (or the next batch, for an endpoint set to
/// receive up to <see cref="WebhookChannel.MaxEventsPerRequest"/> events a request) is not sent before the one in flight
/// succeeded, so a failing endpoint holds back only its own later events (head-of-line blocking) and per-record order
/// is kept. Attempts are saved with the cursor (failed attempts, next attempt, delivery log) in one transaction — a
/// failure at once, successes every <see cref="WebhookOptions.SaveEvery"/> events (or the batch that passed it) or
/// <see cref="WebhookOptions.SaveInterval"/>, those of a page's last request with the step's cursor — so a restart, or
/// another process, carries on where it stopped, sending at most those unsaved successes again with their ids; a save
/// of successes runs while the next events are sent (one save at a time). 410 Gone, or the last attempt of the retry
/// schedule failing, disables the endpoint.
/// </summary>
public sealed partial class WebhookSink(
    IWebhookDeliveryStore deliveries,
    ISubscriptionStore subscriptions,
    ChangeLogReader reader,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookSink> logger) : IChannelSink
{
    private readonly WebhookRetrySchedule _schedule = options.Value.Schedule();

    public string Channel => DeliveryChannels.Webhook;

    // A batched endpoint's step reads at least a full request: the fixed cost of a step (the subscription, the cursor,
    // the page, the save) is paid once per request, not once per Hub:Webhooks:BatchSize events.
    public int BatchSize(Subscription subscription) =>
        Math.Max(options.Value.BatchSize, subscription?.Webhook?.MaxEventsPerRequest ?? 1);

    public TimeSpan PollInterval => options.Value.PollInterval;

    // A failed attempt is recorded and retried on the schedule; an exception (the store unreachable) at the next poll.
    public TimeSpan RetryAfterFailure => TimeSpan.Zero;

    // A new endpoint receives the changes made after it was set; earlier ones are in the pull feed, or a replay.
    public CursorStart Start => CursorStart.Newest;

    public bool Delivers(Subscription subscription) => subscription?.Webhook is { Enabled: true };

    /// <summary>Manual redeliveries: one attempt each, logged, outside the cursor (a failure is not retried).</summary>
    public async Task PrepareAsync(Subscription subscription, FeedAccess access, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        foreach (var sequence in await deliveries.ListWebhookRedeliveriesAsync(subscription.Id, ct).ConfigureAwait(false))
        {
            var page = await reader.ReadAsync(sequence - 1, sequence, access, 1, ct).ConfigureAwait(false);
            if (page.Events is [var redelivered])
            {
                var attempt = await sender.SendAsync(subscription, redelivered, 1, WebhookDeliveryTriggers.Redeliver, ct).ConfigureAwait(false);
                await deliveries.AddWebhookDeliveryAsync(attempt.Delivery, ct).ConfigureAwait(false);
            }

            await deliveries.RemoveWebhookRedeliveryAsync(subscription.Id, sequence, ct).ConfigureAwait(false);
        }
    }

    public async Task<bool> DeliverAsync(Subscription subscription, IReadOnlyList<SubscriberEvent> events, DeliveryProgress progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(progress);
        var saved = clock.GetTimestamp();
        // One save at a time runs while the next events are sent: a save may wait for the store's write lock (SQLite's
        // single writer, busy with sync batches), and the channel's rate must not be one over that wait.
        Task<bool>? saving = null;
        try
        {
            var maxEvents = subscription.Webhook?.MaxEventsPerRequest ?? 1;
            var posts = WebhookPost.Split(events, maxEvents, options.Value.MaxRequestBytes).ToList();
            for (var i = 0; i < posts.Count; i++)
            {
                var post = posts[i];
                var attempt = await sender.SendAsync(subscription, post, progress.FailedAttempts + 1, WebhookDeliveryTriggers.Dispatch, ct).ConfigureAwait(false);
                if (!attempt.Succeeded)
                {
                    if (!await SavedAsync(saving).ConfigureAwait(false))
                        return false;
                    await FailAsync(subscription, post, attempt, progress, ct).ConfigureAwait(false);
                    return false;
                }

                // Successes are saved together: every SaveEvery events or SaveInterval, and with the step's end or a failure.
                // Each event of a batch gets its own line in the delivery log, with the request's outcome.
                foreach (var delivered in post.Events)
                    progress.Delivered(delivered.Sequence, attempt.Delivery with { EventId = delivered.Id, Sequence = delivered.Sequence });
                // After the page's last request the step's end saves them with the cursor: one write, not two.
                var last = i == posts.Count - 1;
                if (!last && (progress.Pending >= options.Value.SaveEvery || clock.GetElapsedTime(saved) >= options.Value.SaveInterval))
                {
                    if (!await SavedAsync(saving).ConfigureAwait(false))
                        return false; // An operator rewound or reset the webhook meanwhile: start again from the store.
                    saving = progress.FlushAsync(ct);
                    saved = clock.GetTimestamp();
                }
            }

            return await SavedAsync(saving).ConfigureAwait(false);
        }
        finally
        {
            // Left early (a cancellation, a failed send's exception): the save under way still ends before the step does
            // (awaiting a save already awaited costs nothing).
            if (saving is not null)
                await ((Task)saving).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task<bool> SavedAsync(Task<bool>? saving) => saving is null || await saving.ConfigureAwait(false);

    private async Task FailAsync(Subscription subscription, WebhookPost post, WebhookAttempt attempt, DeliveryProgress progress, CancellationToken ct)
    {
        var failed = progress.FailedAttempts + 1;
        string? disabledBecause = null;
        DateTimeOffset? next = null;
        if (attempt.Gone)
        {
            disabledBecause = $"The receiver answered 410 Gone to {post.Describe()} at {attempt.Delivery.AttemptedAt:O}.";
        }
        else if (_schedule.DelayAfter(failed, attempt.RetryAfter, Random.Shared.NextDouble()) is { } delay)
        {
            next = clock.GetUtcNow() + delay;
        }
        else
        {
            disabledBecause = $"Sending {post.Describe()} failed {failed} attempts, the whole retry schedule; " +
                $"the last: {attempt.Delivery.Error ?? attempt.Delivery.StatusCode?.ToString(CultureInfo.InvariantCulture)}.";
        }

        await progress.FailedAsync(attempt.Delivery with { NextAttemptAt = next }, next, ct).ConfigureAwait(false);
        if (disabledBecause is not null)
            await DisableAsync(subscription.Id, disabledBecause, ct).ConfigureAwait(false);
    }

    private async Task DisableAsync(string subscriptionId, string reason, CancellationToken ct)
    {
        // Read again: the subscription may have changed while the attempt was under way.
        if (await subscriptions.GetSubscriptionAsync(subscriptionId, ct).ConfigureAwait(false) is not { Webhook: { } webhook } subscription)
            return;
        var now = clock.GetUtcNow();
        await subscriptions.UpdateSubscriptionAsync(
            subscription with { Webhook = webhook with { Enabled = false, DisabledReason = reason, DisabledAt = now }, UpdatedAt = now },
            ct).ConfigureAwait(false);
        LogDisabled(logger, subscriptionId, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook of subscription {SubscriptionId} disabled: {Reason}")]
    private static partial void LogDisabled(ILogger logger, string subscriptionId, string reason);
}
