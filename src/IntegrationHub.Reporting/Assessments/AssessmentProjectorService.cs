using IntegrationHub.Store.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Reporting.Assessments;

/// <summary>
/// The worker's projector: steps while a backlog is pending (more changes than a step takes), and once caught up looks
/// again every <see cref="AssessmentOptions.ProjectionInterval"/> — under a steady stream of changes one step per
/// interval, not a small one after every batch, whose fixed cost would take the store's turn to write from the sync.
/// Reports catch up by themselves too; this keeps them from waiting.
/// </summary>
public sealed partial class AssessmentProjectorService(
    AssessmentProjector projector,
    LeaseKeeper leases,
    IOptions<AssessmentOptions> options,
    TimeProvider clock,
    ILogger<AssessmentProjectorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // One worker projects (two would only take turns); reports catch up by themselves meanwhile.
                if (await leases.TryHoldAsync(LeaseNames.Assessments, stoppingToken).ConfigureAwait(false)
                    && await projector.ProjectPendingAsync(stoppingToken).ConfigureAwait(false))
                    continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            await Task.Delay(options.Value.ProjectionInterval, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projecting indicator assessments failed; trying again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
