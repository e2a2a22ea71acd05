using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Pipeline.Catalog;

/// <summary>
/// Loads the API-registered connectors at start (after the store is migrated, before the API and the scheduler run),
/// then reloads them every <c>interval</c> so that every hub process sharing a store sees the same connectors.
/// </summary>
public sealed partial class ConnectorCatalogRefresher(ConnectorCatalog catalog, TimeSpan interval, ILogger<ConnectorCatalogRefresher> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await catalog.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
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
