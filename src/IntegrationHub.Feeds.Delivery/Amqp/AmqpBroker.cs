namespace IntegrationHub.Feeds.Delivery.Amqp;

/// <summary>The RabbitMQ the AMQP channel publishes to: the hub's own broker (<c>Hub:Bus</c>), handed over by the host.</summary>
public sealed record AmqpBroker(string Host, int Port, string VirtualHost, string Username, string Password);
