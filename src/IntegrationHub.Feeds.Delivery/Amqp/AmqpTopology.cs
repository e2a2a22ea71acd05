using RabbitMQ.Client;

namespace IntegrationHub.Feeds.Delivery.Amqp;

/// <summary>
/// The names and declarations of the AMQP channel. Per subscription: a durable quorum queue <c>sub.{id}.q</c>, bound to
/// the feed exchange with the routing key <c>sub.{id}</c> that only the hub's publisher for that subscription uses,
/// and a dead-letter queue <c>sub.{id}.dlq</c> (through the default exchange) for messages past the delivery limit.
/// A subscriber's RabbitMQ user reads <c>^sub\.{id}\..*</c> and may configure and write nothing.
/// </summary>
public static class AmqpTopology
{
    public static string QueueName(string subscriptionId) => $"sub.{subscriptionId}.q";

    public static string DeadLetterQueueName(string subscriptionId) => $"sub.{subscriptionId}.dlq";

    public static string RoutingKey(string subscriptionId) => $"sub.{subscriptionId}";

    public static Task DeclareExchangeAsync(IChannel channel, AmqpFeedOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(options);
        return channel.ExchangeDeclareAsync(options.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: ct);
    }

    /// <summary>Declares (idempotently) a subscription's queue, its dead-letter queue and the binding.</summary>
    public static async Task DeclareSubscriptionAsync(IChannel channel, AmqpFeedOptions options, string subscriptionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(options);
        var deadLetters = DeadLetterQueueName(subscriptionId);
        await channel.QueueDeclareAsync(deadLetters, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: ct).ConfigureAwait(false);
        await channel.QueueDeclareAsync(QueueName(subscriptionId), durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?>
            {
                ["x-queue-type"] = "quorum",
                ["x-delivery-limit"] = options.DeliveryLimit,
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = deadLetters,
            }, cancellationToken: ct).ConfigureAwait(false);
        await channel.QueueBindAsync(QueueName(subscriptionId), options.Exchange, RoutingKey(subscriptionId), cancellationToken: ct).ConfigureAwait(false);
    }
}
