using Cronos;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline.Runs;

/// <summary>
/// Starts every enabled connector on its schedule (interval, cron in China Standard Time, or continuously), once at start, and marks runs
/// of dead processes as interrupted so their connectors can run again.
/// </summary>
public sealed partial class SyncScheduler(
    IConnectorRegistry registry,
    ConnectorRunner runner,
    ISupervisionStore store,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<SyncScheduler> logger) : BackgroundService
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "CST", "CST");
    private readonly Dictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        Task<bool>? tick = null;
        while (true)
        {
            try
            {
                await TickAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTickFailed(logger, ex);
            }

            // A run that ends wakes the scheduler too: a continuous connector starts again without waiting for the tick.
            tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
            await Task.WhenAny(tick, runner.NextRunEnd.WaitAsync(stoppingToken)).ConfigureAwait(false);
            stoppingToken.ThrowIfCancellationRequested();
            if (tick.IsCompleted)
            {
                if (!await tick.ConfigureAwait(false))
                    return;
                tick = null;
            }
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var interrupted = await store.InterruptStaleRunsAsync(now - options.Value.RunHeartbeatTimeout, runner.LiveRuns, ct).ConfigureAwait(false);
        if (interrupted > 0)
            LogInterrupted(logger, interrupted);

        foreach (var connector in registry.All.Where(c => c.Enabled))
        {
            if (NextAfter(connector.Schedule, now) is null)
                continue;
            var due = _due.GetValueOrDefault(connector.Id, now);
            if (due > now || runner.IsRunning(connector.Id))
                continue;
            if (connector.Schedule.Continuous && await AfterFailureAsync(connector.Id, ct).ConfigureAwait(false) is { } rested && rested > now)
            {
                _due[connector.Id] = rested;
                continue;
            }

            runner.TryStart(connector.Id, "schedule", ct, queueIfBusy: false);
            _due[connector.Id] = NextAfter(connector.Schedule, now)!.Value;
        }
    }

    /// <summary>A continuous connector whose last run failed rests a while: a source that is down is not asked again and again.</summary>
    private async Task<DateTimeOffset?> AfterFailureAsync(string connectorId, CancellationToken ct)
    {
        var last = (await store.ListRunsAsync(connectorId, 1, ct).ConfigureAwait(false)).FirstOrDefault();
        return last is { Status: RunStatus.Failed, FinishedAt: { } ended } ? ended + ContinuousRestAfterFailure : null;
    }

    /// <summary>How long a continuous connector waits after a failed run before the next.</summary>
    public static readonly TimeSpan ContinuousRestAfterFailure = TimeSpan.FromSeconds(10);

    /// <summary>When a connector with this schedule runs next after <paramref name="now"/> (a continuous one: now); null when it only runs by hand.</summary>
    public static DateTimeOffset? NextAfter(ConnectorSchedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.Continuous)
            return now;
        if (schedule.Every is { } every)
            return now + every;
        if (schedule.Cron is { } cron)
            return CronExpression.Parse(cron).GetNextOccurrence(now, China);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} sync runs lost their process and were marked interrupted")]
    private static partial void LogInterrupted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduling tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
