namespace IntegrationHub.Host.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>Webhook endpoints (options, secrets, sender) and, in the worker role, the dispatcher.</summary>
    public static IServiceCollection AddHubWebhooks(this IServiceCollection services, IConfiguration configuration, bool worker)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSender>();
        if (worker)
            services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
