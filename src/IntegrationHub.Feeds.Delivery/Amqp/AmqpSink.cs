using IntegrationHub.Contracts.Telemetry;
using IntegrationHub.Feeds.Channels;
using IntegrationHub.Store.Model;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace IntegrationHub.Feeds.Delivery.Amqp;

/// <summary>
/// The AMQP channel (invariant 6): the events of a subscription with <see cref="Subscription.Amqp"/>, already filtered
/// by its effective scope (the routing key only addresses the subscription's queue), published to its queue with
/// publisher confirms; the batch is delivered — and the cursor moves — only once every message of it is confirmed. A
/// restart resumes from the cursor: at-least-once, deduplicated by <c>MessageId</c> = event id. A subscription removed
/// or switched to <c>amqp: false</c> is no longer published to; its queue is left for the subscriber to drain (and its
/// cursor kept, so switching it back on resumes without a gap). One connection and channel serve every subscription,
/// one batch at a time; after a failure they are made anew.
/// </summary>
public sealed class AmqpSink(AmqpBroker broker, IOptions<AmqpFeedOptions> options) : IChannelSink, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private IConnection? _connection;
    private IChannel? _channel;

    public string Channel => DeliveryChannels.Amqp;

    public int BatchSize(Subscription subscription) => options.Value.BatchSize;

    public TimeSpan PollInterval => options.Value.PollInterval;

    // RabbitMQ failed: connect again after a rest, not at every poll.
    public TimeSpan RetryAfterFailure => options.Value.RetryInterval;

    // A queue is new: it receives the whole retained log (queues do not rewind, so nothing else would fill it).
    public CursorStart Start => CursorStart.OldestKept;

    public bool Delivers(Subscription subscription) => subscription?.Amqp == true;

    /// <summary>Declares (once per connection) the subscription's queues and binding, even before it has an event.</summary>
    public Task PrepareAsync(Subscription subscription, FeedAccess access, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return UseChannelAsync(async channel =>
        {
            if (!_declared.Contains(subscription.Id))
            {
                await AmqpTopology.DeclareSubscriptionAsync(channel, options.Value, subscription.Id, ct).ConfigureAwait(false);
                _declared.Add(subscription.Id);
            }
        }, ct);
    }

    public Task<bool> DeliverAsync(Subscription subscription, IReadOnlyList<SubscriberEvent> events, DeliveryProgress progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(events);
        return UseChannelAsync(async channel =>
        {
            var confirms = new List<Task>(events.Count);
            foreach (var subscriberEvent in events)
            {
                var properties = new BasicProperties
                {
                    MessageId = subscriberEvent.Id,
                    Type = subscriberEvent.Type,
                    ContentType = ChangeEventEnvelope.MediaType,
                    DeliveryMode = DeliveryModes.Persistent,
                    Timestamp = new AmqpTimestamp(subscriberEvent.Change.OccurredAt.ToUnixTimeSeconds()),
                };
                // Mandatory: a queue deleted behind the hub's back fails the publish instead of dropping the event.
                confirms.Add(channel.BasicPublishAsync(options.Value.Exchange, AmqpTopology.RoutingKey(subscription.Id), mandatory: true,
                    properties, subscriberEvent.Body, ct).AsTask());
            }

            await Task.WhenAll(confirms).ConfigureAwait(false);
            if (confirms.Count > 0)
            {
                HubTelemetry.FeedDelivered.Add(confirms.Count, new(HubTelemetry.SubscriptionTag, subscription.Id),
                    new(HubTelemetry.ChannelTag, DeliveryChannels.Amqp), new("hub.feed.outcome", "delivered"));
            }

            return true;
        }, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>Runs one piece of work on the shared channel, connecting first if needed; a failure drops the connection.</summary>
    private async Task<T> UseChannelAsync<T>(Func<IChannel, Task<T>> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var channel = _channel is { IsOpen: true } open ? open : await ConnectAsync(ct).ConfigureAwait(false);
            return await work(channel).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Nothing unconfirmed moved a cursor, so after reconnecting the batch is published again.
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task UseChannelAsync(Func<IChannel, Task> work, CancellationToken ct) =>
        UseChannelAsync(async channel =>
        {
            await work(channel).ConfigureAwait(false);
            return true;
        }, ct);

    private async Task<IChannel> ConnectAsync(CancellationToken ct)
    {
        await CloseAsync().ConfigureAwait(false);
        var factory = new ConnectionFactory
        {
            HostName = broker.Host,
            Port = broker.Port,
            VirtualHost = broker.VirtualHost,
            UserName = broker.Username,
            Password = broker.Password,
            ClientProvidedName = "integrationhub-feed-publisher",
        };
        _connection = await factory.CreateConnectionAsync(ct).ConfigureAwait(false);
        _channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct).ConfigureAwait(false);
        await AmqpTopology.DeclareExchangeAsync(_channel, options.Value, ct).ConfigureAwait(false);
        return _channel;
    }

    private async Task CloseAsync()
    {
        _declared.Clear();
        if (_channel is { } channel)
        {
            _channel = null;
            await DisposeQuietlyAsync(channel).ConfigureAwait(false);
        }

        if (_connection is { } connection)
        {
            _connection = null;
            await DisposeQuietlyAsync(connection).ConfigureAwait(false);
        }
    }

    private static async Task DisposeQuietlyAsync(IAsyncDisposable disposable)
    {
        try
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or RabbitMQ.Client.Exceptions.RabbitMQClientException or ObjectDisposedException)
        {
            // Closing a connection the broker already dropped: nothing left to release.
        }
    }
}
