using IntegrationHub.Feeds.Channels;
using IntegrationHub.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Feeds.Delivery;

/// <summary>
/// Runs the pushed channels in the worker role: per channel, a delivery loop for each subscription that uses the channel
/// and has none running, started when the store commits (<see cref="ChangeLogSignal"/>) and every
/// <see cref="IChannelSink.PollInterval"/> (due retries, and a notice that was lost); a loop repeats the
/// <see cref="ChannelDelivery"/> step until it is caught up or has to wait, and starts again at once when a commit came
/// while it ran. Loops of different subscriptions run side by side, so a failing webhook holds back only its own events.
/// Whether this process may deliver a (subscription, channel) at all is <see cref="IDeliveryOwnership"/>'s answer, asked
/// at every step.
/// </summary>
public sealed partial class DeliveryService(
    IEnumerable<IChannelSink> sinks,
    ISubscriptionStore store,
    ChannelDelivery delivery,
    ChangeLogSignal signal,
    TimeProvider clock,
    ILogger<DeliveryService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(sinks.Select(sink => RunChannelAsync(sink, stoppingToken)));

    private async Task RunChannelAsync(IChannelSink sink, CancellationToken ct)
    {
        // Each loop's task yields when it may start again: now, or after a failure's rest.
        var running = new Dictionary<string, Task<DateTimeOffset>>(StringComparer.Ordinal);
        var resting = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        // The commit notices a subscription's loop had seen when it last started: between ticks, only a later commit is a reason to look again.
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(sink.PollInterval, clock);
        Task<bool>? tick = null;
        var ticked = true;
        try
        {
            while (true)
            {
                foreach (var (id, loop) in running.Where(r => r.Value.IsCompleted).ToList())
                {
                    running.Remove(id);
                    if (loop.Result > clock.GetUtcNow())
                        resting[id] = loop.Result;
                }

                var version = signal.Version;
                try
                {
                    var now = clock.GetUtcNow();
                    foreach (var subscription in await store.ListSubscriptionsAsync(ct).ConfigureAwait(false))
                    {
                        if (!sink.Delivers(subscription) || running.ContainsKey(subscription.Id) || resting.GetValueOrDefault(subscription.Id) > now)
                            continue;
                        if (!ticked && seen.TryGetValue(subscription.Id, out var looked) && looked == version)
                            continue;
                        resting.Remove(subscription.Id);
                        seen[subscription.Id] = version;
                        running[subscription.Id] = DeliverGuardedAsync(subscription.Id, sink, ct);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPollFailed(logger, sink.Channel, ex);
                }

                // Woken by the tick, a commit, or a loop that ended (which starts again if a commit came while it ran).
                ticked = false;
                tick ??= timer.WaitForNextTickAsync(ct).AsTask();
                await Task.WhenAny([tick, signal.After(version), .. running.Values]).ConfigureAwait(false);
                if (tick.IsCompleted)
                {
                    if (!await tick.ConfigureAwait(false))
                        break;
                    tick = null;
                    ticked = true;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(running.Values).ConfigureAwait(false);
        }
    }

    /// <summary>Delivers what is pending for one subscription on one channel; returns when it may run again.</summary>
    private async Task<DateTimeOffset> DeliverGuardedAsync(string subscriptionId, IChannelSink sink, CancellationToken ct)
    {
        await Task.Yield();
        var run = new DeliveryRun();
        try
        {
            try
            {
                DeliveryStep step;
                do
                {
                    // Read at every step: the subscription may have been changed, disabled or removed meanwhile.
                    if (await store.GetSubscriptionAsync(subscriptionId, ct).ConfigureAwait(false) is not { } subscription)
                        break;
                    step = await delivery.DeliverPendingAsync(subscription, sink, run, ct).ConfigureAwait(false);
                    if (step.Gap is { } gap)
                        LogGap(logger, sink.Channel, subscriptionId, gap.From, gap.PrunedThrough);
                }
                while (step.RunAgain && !ct.IsCancellationRequested);
            }
            finally
            {
                // The last step's save ends before the loop does: the next loop reads the cursor from the store.
                await run.EndAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The cursor is unchanged by a failed step: the events are delivered again, with the same ids.
            LogDeliveryFailed(logger, sink.Channel, subscriptionId, sink.RetryAfterFailure, ex);
            return clock.GetUtcNow() + sink.RetryAfterFailure;
        }

        return DateTimeOffset.MinValue;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for {Channel} deliveries failed; trying again at the next poll.")]
    private static partial void LogPollFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of subscription {SubscriptionId} on the {Channel} channel failed; trying again after {Rest} at the next poll.")]
    private static partial void LogDeliveryFailed(ILogger logger, string channel, string subscriptionId, TimeSpan rest, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Channel} cursor of subscription {SubscriptionId} ({Cursor}) is older than the feed retention (pruned through {PrunedThrough}); it continues from there and the subscriber must resync from the records snapshot.")]
    private static partial void LogGap(ILogger logger, string channel, string subscriptionId, long cursor, long prunedThrough);
}
