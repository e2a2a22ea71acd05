using IntegrationHub.Feeds;
using IntegrationHub.Feeds.Channels;
using IntegrationHub.Feeds.Delivery;
using IntegrationHub.Feeds.Delivery.Amqp;
using IntegrationHub.Feeds.Delivery.Webhooks;
using IntegrationHub.Feeds.Privacy;
using IntegrationHub.Host.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Host.Subscriptions;

public static class SubscriptionsServiceCollectionExtensions
{
    /// <summary>
    /// Subscriber feeds: identifier tokens, the change-log reader and the pull feed; webhook endpoints (options, secrets,
    /// sender); the AMQP channel's options. In the worker role: the delivery service with the webhook channel, the AMQP
    /// channel when the hub's bus is RabbitMQ (the in-memory bus has no broker for subscribers to connect to), and the
    /// change-log retention.
    /// </summary>
    public static IServiceCollection AddHubSubscriptions(this IServiceCollection services, IConfiguration configuration, HubOptions hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        services.AddSingleton(_ => PersonalDataTokens.FromFile(Path.Combine(hub.KeysPath(), PersonalDataTokens.FileName)));
        services.AddSingleton<ChangeLogReader>();
        services.AddSingleton<ChangeLogSignal>();
        services.AddScoped<FeedReader>();

        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSender>();
        services.AddOptions<AmqpFeedOptions>().BindConfiguration(AmqpFeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (!hub.HasRole("worker"))
            return services;

        // The worker holding the delivery lease delivers every pushed channel; the others stand by.
        services.TryAddSingleton<IDeliveryOwnership, LeaseOwnership>();
        services.AddSingleton<ChannelDelivery>();
        services.AddSingleton<IChannelSink, WebhookSink>();
        if (hub.Bus.Transport == "rabbitmq")
        {
            var bus = hub.Bus;
            services.AddSingleton(new AmqpBroker(bus.Host, bus.Port, bus.VirtualHost, bus.Username, bus.Password));
            services.AddSingleton<IChannelSink, AmqpSink>();
        }

        services.AddHostedService<DeliveryService>();
        services.AddHostedService<FeedRetentionWorker>();
        return services;
    }
}
