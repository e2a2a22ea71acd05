using Cronos;
using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts;
using IntegrationHub.Store;
using IntegrationHub.Store.Leases;
using IntegrationHub.Store.Model;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline.Runs;

/// <summary>
/// The cluster's one scheduler (it runs where the <see cref="LeaseNames.Scheduler"/> lease is): asks for a run of every
/// enabled connector on its schedule (interval, cron in China Standard Time, or continuously: again as soon as a run
/// ends) and once when it takes over; marks runs of
/// dead processes as interrupted and asks for their connectors to resume from the checkpoint; passes on runs asked for
/// while the connector ran elsewhere. It only asks: a <see cref="RunConnector"/> goes to whichever worker takes it, which
/// runs the connector if it gets its lease — so connectors spread over the workers.
/// </summary>
public sealed partial class SyncScheduler(
    IConnectorRegistry registry,
    ConnectorRunner runner,
    IRunStore store,
    LeaseKeeper leases,
    IPublishEndpoint bus,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<SyncScheduler> logger) : BackgroundService
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.CreateCustomTimeZone("China Standard Time", ChinaTime.Offset, "CST", "CST");
    private readonly Dictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        Task<bool>? tick = null;
        while (true)
        {
            try
            {
                if (await leases.TryHoldAsync(LeaseNames.Scheduler, stoppingToken).ConfigureAwait(false))
                    await TickAsync(stoppingToken).ConfigureAwait(false);
                else
                    _due.Clear();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTickFailed(logger, ex);
            }

            // A run that ends in this process wakes the scheduler too: a continuous connector starts again without
            // waiting for the tick (runs ending on other workers are seen at the next tick).
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
        foreach (var connectorId in await store.InterruptStaleRunsAsync(now - options.Value.RunHeartbeatTimeout, runner.LiveRuns, ct).ConfigureAwait(false))
        {
            LogInterrupted(logger, connectorId);
            await AskAsync(connectorId, RunTriggers.Resume, ct).ConfigureAwait(false);
        }

        foreach (var (connectorId, trigger) in await store.TakeRunRequestsAsync(ct).ConfigureAwait(false))
            await AskAsync(connectorId, trigger, ct).ConfigureAwait(false);

        var running = await store.GetRunningConnectorsAsync(ct).ConfigureAwait(false);
        foreach (var connector in registry.All.Where(c => c.Enabled))
        {
            if (NextAfter(connector.Schedule, now) is null)
                continue;
            var due = _due.GetValueOrDefault(connector.Id, now);
            if (due > now || running.Contains(connector.Id) || runner.IsRunning(connector.Id))
                continue;
            if (connector.Schedule.Continuous && await AfterFailureAsync(connector.Id, ct).ConfigureAwait(false) is { } rested && rested > now)
            {
                _due[connector.Id] = rested;
                continue;
            }

            await AskAsync(connector.Id, RunTriggers.Schedule, ct).ConfigureAwait(false);
            _due[connector.Id] = NextAfter(connector.Schedule, now)!.Value;
        }
    }

    private Task AskAsync(string connectorId, string trigger, CancellationToken ct) =>
        bus.Publish(new RunConnector { ConnectorId = connectorId, Trigger = trigger, Backfill = trigger == RunTriggers.Backfill }, ct);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The run of {Connector} lost its process and was marked interrupted; it resumes from its checkpoint")]
    private static partial void LogInterrupted(ILogger logger, string connector);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduling tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
