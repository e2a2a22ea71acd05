using IntegrationHub.Host.Configuration;

namespace IntegrationHub.Host.Subscriptions.Amqp;

public static class AmqpFeedServiceCollectionExtensions
{
    /// <summary>
    /// The AMQP channel for subscribers: its options (validated at start), and the publisher in the worker role — only
    /// when the hub's bus is RabbitMQ (the in-memory bus has no broker for subscribers to connect to).
    /// </summary>
    public static IServiceCollection AddHubAmqpFeed(this IServiceCollection services, HubOptions hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        services.AddOptions<AmqpFeedOptions>().BindConfiguration(AmqpFeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (hub.HasRole("worker") && hub.Bus.Transport == "rabbitmq")
            services.AddHostedService<AmqpFeedPublisher>();
        return services;
    }
}
