using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Operations;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Connector and subscription health from the <paramref name="healthSection"/> and the operator alerts from the
    /// <paramref name="alertsSection"/> of the configuration (both validated at start); with <paramref name="monitor"/>
    /// (worker processes) the monitor that evaluates them on a timer and raises the alerts.
    /// </summary>
    public static IServiceCollection AddHubHealth(this IServiceCollection services, string healthSection, string alertsSection, bool monitor)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(healthSection).ValidateDataAnnotations()
            .Validate(o => o.EvaluationInterval > TimeSpan.Zero, $"{healthSection}:EvaluationInterval must be positive.")
            .Validate(o => o.DriftAttention >= TimeSpan.Zero, $"{healthSection}:DriftAttention must not be negative.")
            .ValidateOnStart();
        services.AddOptions<AlertOptions>().BindConfiguration(alertsSection).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConnectorHealthService>();
        services.AddSingleton<SubscriptionHealthService>();
        services.AddSingleton<OperatorAlertSender>();
        services.AddSingleton<HealthMonitor>();
        if (monitor)
            services.AddHostedService(sp => sp.GetRequiredService<HealthMonitor>());
        return services;
    }
}
