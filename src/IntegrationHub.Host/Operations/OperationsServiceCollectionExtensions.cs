using IntegrationHub.Host.Configuration;
using IntegrationHub.Host.Hosting;

namespace IntegrationHub.Host.Operations;

internal static class OperationsServiceCollectionExtensions
{
    /// <summary>Telemetry, connector health and (in worker processes) the health monitor that raises operator alerts.</summary>
    public static IServiceCollection AddHubOperations(this IServiceCollection services, HubOptions hub)
    {
        // Validated here at start; the services read the same values through HubOptions.
        services.AddOptions<HealthOptions>().BindConfiguration($"{HubOptions.Section}:Health").ValidateDataAnnotations()
            .Validate(o => o.EvaluationInterval > TimeSpan.Zero, "Hub:Health:EvaluationInterval must be positive.")
            .Validate(o => o.DriftAttention >= TimeSpan.Zero, "Hub:Health:DriftAttention must not be negative.")
            .ValidateOnStart();
        services.AddOptions<AlertOptions>().BindConfiguration($"{HubOptions.Section}:Alerts").ValidateDataAnnotations().ValidateOnStart();
        services.AddHubTelemetry(hub.Telemetry);
        services.AddSingleton<ConnectorHealthService>();
        services.AddSingleton<SubscriptionHealthService>();
        services.AddSingleton<OperatorAlertSender>();
        services.AddSingleton<HealthMonitor>();
        if (hub.HasRole("worker"))
            services.AddHostedService(sp => sp.GetRequiredService<HealthMonitor>());
        return services;
    }
}
