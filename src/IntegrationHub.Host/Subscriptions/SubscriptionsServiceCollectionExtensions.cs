using IntegrationHub.Feeds.Privacy;
using IntegrationHub.Host.Configuration;

namespace IntegrationHub.Host.Subscriptions;

public static class SubscriptionsServiceCollectionExtensions
{
    /// <summary>Subscriber feeds: identifier tokens, and (worker role) the change-log retention.</summary>
    public static IServiceCollection AddHubSubscriptions(this IServiceCollection services, HubOptions hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        services.AddSingleton(_ => PersonalDataTokens.FromFile(Path.Combine(hub.KeysPath(), PersonalDataTokens.FileName)));
        if (hub.HasRole("worker"))
            services.AddHostedService<FeedRetentionWorker>();
        return services;
    }
}
