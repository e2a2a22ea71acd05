using IntegrationHub.Host.Configuration;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Connectors;

/// <summary>
/// Loads the API-registered connectors at start (after the store is migrated, before the API and the scheduler run),
/// then reloads them periodically so that every hub process sharing a store sees the same connectors.
/// </summary>
internal sealed partial class ConnectorCatalogRefresher(ConnectorCatalog catalog, IOptions<HubOptions> options, ILogger<ConnectorCatalogRefresher> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await catalog.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ConnectorRefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await catalog.RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the registered connectors from the store failed; the previous set stays in use")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
