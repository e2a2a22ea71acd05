using IntegrationHub.Store;
using IntegrationHub.Store.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Feeds.Delivery;

/// <summary>Removes change events older than <see cref="FeedOptions.Retention"/>; their cursors then get 410 Gone.</summary>
public sealed partial class FeedRetentionWorker(
    IChangeLogRetention store,
    LeaseKeeper leases,
    IOptions<FeedOptions> options,
    TimeProvider clock,
    ILogger<FeedRetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feed = options.Value;
        using var timer = new PeriodicTimer(feed.RetentionInterval, clock);
        do
        {
            try
            {
                if (!await leases.TryHoldAsync(LeaseNames.Retention, stoppingToken).ConfigureAwait(false))
                    continue;
                var removed = await store.PruneChangesAsync(clock.GetUtcNow() - feed.Retention, stoppingToken).ConfigureAwait(false);
                if (removed > 0)
                    LogPruned(logger, removed, feed.Retention);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} change events older than the feed retention of {Retention}.")]
    private static partial void LogPruned(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing expired change events failed; trying again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
