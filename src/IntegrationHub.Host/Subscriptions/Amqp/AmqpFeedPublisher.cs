using IntegrationHub.Contracts.Telemetry;
using IntegrationHub.Feeds;
using IntegrationHub.Feeds.Privacy;
using IntegrationHub.Host.Configuration;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace IntegrationHub.Host.Subscriptions.Amqp;

/// <summary>
/// Publishes the change log to the AMQP queue of every subscription with <see cref="Subscription.Amqp"/> (invariant 6):
/// each subscription has a durable cursor in the store; the hub reads the changes after it within the subscription's
/// effective scope (filtered here, before publishing — the routing key only addresses the subscription's queue),
/// publishes the subscriber's envelope with publisher confirms, and moves the cursor only once the whole batch is
/// confirmed. A restart resumes from the cursor: at-least-once, deduplicated by <c>MessageId</c> = event id.
/// A subscription removed or switched to <c>amqp: false</c> is no longer published to; its queue is left for the
/// subscriber to drain (and its cursor kept, so switching it back on resumes without a gap).
/// </summary>
public sealed partial class AmqpFeedPublisher(
    ISupervisionStore store,
    PersonalDataTokens tokens,
    IOptions<HubOptions> hubOptions,
    IOptions<AmqpFeedOptions> amqpOptions,
    TimeProvider clock,
    ILogger<AmqpFeedPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = amqpOptions.Value;
        var bus = hubOptions.Value.Bus;
        var factory = new ConnectionFactory
        {
            HostName = bus.Host,
            Port = bus.Port,
            VirtualHost = bus.VirtualHost,
            UserName = bus.Username,
            Password = bus.Password,
            ClientProvidedName = "integrationhub-feed-publisher",
        };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync(stoppingToken).ConfigureAwait(false);
                await using var channel = await connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stoppingToken).ConfigureAwait(false);
                await AmqpTopology.DeclareExchangeAsync(channel, options, stoppingToken).ConfigureAwait(false);
                await PublishWhileConnectedAsync(channel, options, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Nothing unconfirmed moved a cursor, so after reconnecting the batch is published again.
                LogFailed(logger, ex, options.RetryInterval);
                await Task.Delay(options.RetryInterval, clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PublishWhileConnectedAsync(IChannel channel, AmqpFeedOptions options, CancellationToken ct)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var moved = false;
            var subscriptions = await store.ListSubscriptionsAsync(ct).ConfigureAwait(false);
            foreach (var subscription in subscriptions.Where(s => s.Amqp))
            {
                if (declared.Add(subscription.Id))
                    await AmqpTopology.DeclareSubscriptionAsync(channel, options, subscription.Id, ct).ConfigureAwait(false);
                moved |= await PublishPendingAsync(channel, options, subscription, ct).ConfigureAwait(false);
            }

            if (!moved)
                await Task.Delay(options.PollInterval, clock, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes one batch of the subscription's pending changes; false when there was nothing new.</summary>
    private async Task<bool> PublishPendingAsync(IChannel channel, AmqpFeedOptions options, Subscription subscription, CancellationToken ct)
    {
        // No key is involved: an AMQP subscriber never holds pii:read here, so identifiers are always masked with the
        // subscription's own token key (the same tokens its pull-feed keys without pii:read see).
        var access = new FeedAccess(subscription.EffectiveScope, tokens.MaskedFor(subscription.Id), subscription.Id, subscription.Kind);
        var cursor = await store.GetAmqpCursorAsync(subscription.Id, ct).ConfigureAwait(false);
        var prunedThrough = await store.GetPrunedThroughAsync(ct).ConfigureAwait(false);
        if (cursor < prunedThrough)
        {
            LogGap(logger, subscription.Id, cursor, prunedThrough);
            cursor = prunedThrough;
        }

        var through = await store.LastChangeSequenceAsync(ct).ConfigureAwait(false);
        if (through <= cursor)
            return false;
        var changes = SubscriberEnvelope.ReadScope(access) is { } scope
            ? await store.ReadChangesAsync(cursor, through, scope, options.BatchSize, ct).ConfigureAwait(false)
            : [];

        var confirms = new List<Task>(changes.Count);
        foreach (var change in changes)
        {
            if (SubscriberEnvelope.ToCloudEvent(change, access) is not { } cloudEvent)
                continue;
            var properties = new BasicProperties
            {
                MessageId = cloudEvent.Id,
                Type = cloudEvent.Type,
                ContentType = ChangeEventEnvelope.MediaType,
                DeliveryMode = DeliveryModes.Persistent,
                Timestamp = new AmqpTimestamp(change.OccurredAt.ToUnixTimeSeconds()),
            };
            // Mandatory: a queue deleted behind the hub's back fails the publish instead of dropping the event.
            confirms.Add(channel.BasicPublishAsync(options.Exchange, AmqpTopology.RoutingKey(subscription.Id), mandatory: true,
                properties, ChangeEventEnvelope.Encode(cloudEvent), ct).AsTask());
        }

        await Task.WhenAll(confirms).ConfigureAwait(false);
        if (confirms.Count > 0)
        {
            HubTelemetry.FeedDelivered.Add(confirms.Count, new(HubTelemetry.SubscriptionTag, subscription.Id),
                new(HubTelemetry.ChannelTag, "amqp"), new("hub.feed.outcome", "delivered"));
        }

        // A full batch may have more behind it: stop at its last change. Otherwise everything up to 'through' is seen.
        var next = changes.Count == options.BatchSize ? changes[^1].Sequence : through;
        await store.AdvanceAmqpCursorAsync(subscription.Id, next, ct).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing subscriber events to RabbitMQ failed; connecting again in {Delay}.")]
    private static partial void LogFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP cursor of subscription {SubscriptionId} ({Cursor}) is older than the feed retention (pruned through {PrunedThrough}); it continues from there and the subscriber must resync from the records snapshot.")]
    private static partial void LogGap(ILogger logger, string subscriptionId, long cursor, long prunedThrough);
}
