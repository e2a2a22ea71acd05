using System.Diagnostics.Metrics;
using System.Globalization;
using IntegrationHub.Contracts.Telemetry;
using IntegrationHub.Feeds;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Operations;

/// <summary>
/// The health of every subscription, from where each of its channels stands in the change log: disabled (the hub turned
/// its webhook off), failing (the webhook's current event keeps failing), lagging (an event in scope has waited longer
/// than <see cref="HealthOptions.SubscriptionLagAfter"/> on some channel), otherwise healthy. The pull channel counts
/// once the subscriber has read the feed: a reader that stops reading shows up as lagging.
/// </summary>
public sealed class SubscriptionHealthService(ISubscriptionStore subscriptionStore, IChangeLog changes, IWebhookDeliveryStore deliveries, IDeliveryCursors cursors, IOptions<HealthOptions> options, TimeProvider clock)
{
    private const int RecentDeliveries = 100;

    // The latest evaluation, for the hub.feed.backlog and hub.subscription.health gauges.
    private static IReadOnlyList<SubscriptionHealth> _latest = [];

    static SubscriptionHealthService()
    {
        HubTelemetry.Meter.CreateObservableGauge("hub.feed.backlog", () => _latest
            .SelectMany(s => s.Channels.Select(c => new Measurement<long>(c.Backlog,
                new KeyValuePair<string, object?>(HubTelemetry.SubscriptionTag, s.Id), new KeyValuePair<string, object?>(HubTelemetry.ChannelTag, c.Channel)))),
            "{event}", "Events in the subscription's scope not yet delivered (webhook, amqp) or read (pull), per channel");
        HubTelemetry.Meter.CreateObservableGauge("hub.subscription.health", () => _latest
            .Select(s => new Measurement<int>(SubscriptionHealthStates.Severity(s.State), new KeyValuePair<string, object?>(HubTelemetry.SubscriptionTag, s.Id))),
            null, "Subscription health: 0 healthy, 1 lagging, 2 failing, 3 disabled");
    }

    public async Task<IReadOnlyList<SubscriptionHealth>> EvaluateAsync(CancellationToken ct)
    {
        var subscriptions = await subscriptionStore.ListSubscriptionsAsync(ct).ConfigureAwait(false);
        var positions = (await cursors.ListAsync(ct).ConfigureAwait(false)).ToDictionary(c => (c.SubscriptionId, c.Channel));
        var last = await changes.LastChangeSequenceAsync(ct).ConfigureAwait(false);
        var result = new List<SubscriptionHealth>(subscriptions.Count);
        foreach (var subscription in subscriptions)
            result.Add(await EvaluateAsync(subscription, positions, last, ct).ConfigureAwait(false));
        _latest = result;
        return result;
    }

    private async Task<SubscriptionHealth> EvaluateAsync(
        Subscription subscription, Dictionary<(string, string), DeliveryCursor> positions, long last, CancellationToken ct)
    {
        var scope = SubscriberEnvelope.ReadScope(new FeedAccess(subscription.EffectiveScope, Feeds.Privacy.PersonalDataView.Unmasked, subscription.Id, subscription.Kind));
        var channels = new List<ChannelHealth>();
        // The pull channel counts once the subscriber has read the feed.
        if (positions.GetValueOrDefault((subscription.Id, DeliveryChannels.Pull)) is { } pull)
            channels.Add(await ChannelAsync(DeliveryChannels.Pull, pull.Position, scope, last, ct).ConfigureAwait(false) with { LastActivityAt = pull.UpdatedAt });

        if (subscription.Webhook is { } webhook && positions.GetValueOrDefault((subscription.Id, DeliveryChannels.Webhook)) is { } state)
        {
            var recent = await deliveries.ListWebhookDeliveriesAsync(subscription.Id, null, RecentDeliveries, ct).ConfigureAwait(false);
            channels.Add(await ChannelAsync(DeliveryChannels.Webhook, state.Position, scope, last, ct).ConfigureAwait(false) with
            {
                LastActivityAt = recent.Count > 0 ? recent[0].AttemptedAt : null,
                DeliverySuccessRate = recent.Count > 0 ? recent.Count(d => d.Succeeded) / (double)recent.Count : null,
                Enabled = webhook.Enabled,
                FailedAttempts = state.Attempt,
                NextAttemptAt = state.NextAttemptAt,
            });
        }

        if (subscription.Amqp)
        {
            var cursor = positions.GetValueOrDefault((subscription.Id, DeliveryChannels.Amqp))?.Position ?? 0;
            channels.Add(await ChannelAsync(DeliveryChannels.Amqp, cursor, scope, last, ct).ConfigureAwait(false));
        }

        var (verdict, reason, reasonZh) = Judge(subscription, channels);
        return new SubscriptionHealth
        {
            Id = subscription.Id,
            Name = subscription.Name,
            Kind = subscription.Kind,
            State = verdict,
            Reason = reason,
            ReasonZh = reasonZh,
            Backlog = channels.Sum(c => c.Backlog),
            Channels = channels,
        };
    }

    private async Task<ChannelHealth> ChannelAsync(string channel, long position, FeedScope? scope, long last, CancellationToken ct)
    {
        if (scope is null || position >= last)
            return new ChannelHealth { Channel = channel, Position = position, Backlog = 0 };
        var oldest = await changes.ReadChangesAsync(position, last, scope, 1, ct).ConfigureAwait(false);
        return new ChannelHealth
        {
            Channel = channel,
            Position = position,
            Backlog = oldest.Count == 0 ? 0 : await changes.CountChangesAsync(position, scope, ct).ConfigureAwait(false),
            OldestPendingAt = oldest.Count == 0 ? null : oldest[0].OccurredAt,
        };
    }

    private (string State, string Reason, string ReasonZh) Judge(Subscription subscription, List<ChannelHealth> channels)
    {
        if (subscription.Webhook is { Enabled: false } webhook)
        {
            return (SubscriptionHealthStates.Disabled,
                $"The hub disabled the webhook: {webhook.DisabledReason} Re-enable it once the receiver is fixed; nothing is skipped.",
                $"Webhook 已被停用：{webhook.DisabledReason} 接收方修复后重新启用即可，不会遗漏事件。");
        }

        if (channels.FirstOrDefault(c => c is { Channel: DeliveryChannels.Webhook, FailedAttempts: > 0 }) is { } failing)
        {
            var next = failing.NextAttemptAt is { } at ? at.ToString("u", CultureInfo.InvariantCulture) : "—";
            return (SubscriptionHealthStates.Failing,
                $"The webhook's current event has failed {failing.FailedAttempts} attempt(s); the next is due {next}; {failing.Backlog} event(s) in scope wait, this one included.",
                $"Webhook 当前事件已连续失败 {failing.FailedAttempts} 次，下次重试 {next}，共有 {failing.Backlog} 个范围内事件（含该事件）等待。");
        }

        var now = clock.GetUtcNow();
        var lagAfter = options.Value.SubscriptionLagAfter;
        if (channels.Where(c => c.OldestPendingAt is { } at && now - at > lagAfter).OrderBy(c => c.OldestPendingAt).FirstOrDefault() is { } lagging)
        {
            var minutes = (now - lagging.OldestPendingAt!.Value).TotalMinutes.ToString("0", CultureInfo.InvariantCulture);
            return (SubscriptionHealthStates.Lagging,
                $"The {lagging.Channel} channel has {lagging.Backlog} event(s) in scope not yet delivered; the oldest has waited {minutes} min.",
                $"{lagging.Channel} 通道有 {lagging.Backlog} 个范围内事件未送达，最早的已等待 {minutes} 分钟。");
        }

        return channels.Count == 0
            ? (SubscriptionHealthStates.Healthy, "No channel in use yet: no webhook or AMQP queue, and the feed was never read.", "尚未使用任何通道：未配置 Webhook 或 AMQP，也未读取过订阅源。")
            : (SubscriptionHealthStates.Healthy, $"Every channel is within {lagAfter.TotalMinutes:0} min of the change log.", $"各通道均在 {lagAfter.TotalMinutes:0} 分钟内跟上变更日志。");
    }
}
