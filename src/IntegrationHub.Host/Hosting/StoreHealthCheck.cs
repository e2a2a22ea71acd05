using IntegrationHub.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntegrationHub.Host.Hosting;

internal sealed class StoreHealthCheck(ISupervisionStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.PingAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy($"{store.Provider} store reachable")
            : HealthCheckResult.Unhealthy($"{store.Provider} store unreachable");
}
