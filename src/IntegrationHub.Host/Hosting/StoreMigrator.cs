using IntegrationHub.Store;

namespace IntegrationHub.Host.Hosting;

/// <summary>Brings the store's schema up to date before anything else starts.</summary>
internal sealed class StoreMigrator(ISupervisionStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
