using IntegrationHub.Host.Configuration;
using IntegrationHub.Host.Hosting;
using IntegrationHub.Operations;

namespace IntegrationHub.Host.Operations;

internal static class OperationsServiceCollectionExtensions
{
    /// <summary>Telemetry, connector health and (in worker processes) the health monitor that raises operator alerts.</summary>
    public static IServiceCollection AddHubOperations(this IServiceCollection services, HubOptions hub)
    {
        services.AddHubTelemetry(hub.Telemetry);
        services.AddHubHealth($"{HubOptions.Section}:Health", $"{HubOptions.Section}:Alerts", monitor: hub.HasRole("worker"));
        return services;
    }
}
