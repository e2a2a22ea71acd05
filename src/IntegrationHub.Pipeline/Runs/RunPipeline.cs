using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts;
using IntegrationHub.Contracts.Telemetry;
using IntegrationHub.Pipeline.Normalization;
using IntegrationHub.Pipeline.Storage;
using IntegrationHub.Store;
using IntegrationHub.Store.Leases;
using IntegrationHub.Store.Model;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline.Runs;

/// <summary>
/// Carries one run: reads pages from the stored checkpoint (one page ahead), normalizes each on every core, and sends it
/// as one batch to its connector's store writer; never moves the checkpoint itself — the store writer does, after commit.
/// At most <see cref="SyncOptions.MaxBatchesInFlight"/> batches wait to be stored, so memory stays bounded however large
/// the source. A run ends when its closing batch is stored, as the store writer's notices tell (<see cref="RunProgress"/>).
/// </summary>
public sealed partial class RunPipeline(
    IRunStore store,
    ISendEndpointProvider sender,
    BatchNormalizer normalizer,
    RunProgress progress,
    StorePartitions partitions,
    LeaseKeeper leases,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<RunPipeline> logger)
{
    /// <param name="readPages">The pages of the run, from the stored checkpoint.</param>
    /// <param name="allRead">Called once every page is read and sent, before the closing batch: what a run learns from
    /// reading (source drift) is recorded before the run can be seen as completed.</param>
    /// <param name="started">Told the run's id as soon as the store accepted the run.</param>
    public async Task<SyncRun?> RunAsync(ConnectorDefinition connector, string trigger, Func<string?, IAsyncEnumerable<SourcePage>> readPages,
        Func<Guid, Task>? allRead, Action<Guid>? started, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(readPages);
        // One runner per connector in the whole cluster: the one holding its lease.
        var lease = LeaseNames.Connector(connector.Id);
        if (!await leases.TryHoldAsync(lease, ct).ConfigureAwait(false) && RunTriggers.CarriesItsInput(trigger))
        {
            LogWaitingForLease(logger, connector.Id, trigger);
            while (!await leases.TryHoldAsync(lease, ct).ConfigureAwait(false))
                await Task.Delay(leases.Duration / 3, clock, ct).ConfigureAwait(false);
        }

        if (!leases.Holds(lease))
        {
            LogRunsElsewhere(logger, connector.Id, trigger);
            if (RunTriggers.IsAskedFor(trigger))
                await store.RequestRunAsync(connector.Id, trigger, ct).ConfigureAwait(false);
            return null;
        }

        try
        {
            return await RunUnderLeaseAsync(connector, trigger, lease, readPages, allRead, started, ct).ConfigureAwait(false);
        }
        finally
        {
            await leases.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<SyncRun?> RunUnderLeaseAsync(ConnectorDefinition connector, string trigger, string lease, Func<string?, IAsyncEnumerable<SourcePage>> readPages,
        Func<Guid, Task>? allRead, Action<Guid>? started, CancellationToken stopping)
    {
        var run = await store.StartRunAsync(connector.Id, trigger, leases.TokenOf(lease), stopping).ConfigureAwait(false);
        if (run is null)
        {
            LogAlreadyRunning(logger, connector.Id);
            return null;
        }

        started?.Invoke(run.RunId);
        progress.Track(run.RunId);
        var sent = 0;
        // A backfill is the operator's "normalize every stored record again": it never trusts a stored input.
        var inFlight = options.Value.SkipUnchangedInputs && trigger != RunTriggers.Backfill ? new InFlightKeys() : null;
        // The run stops when the hub stops, or when this process loses the connector's lease (another worker took over).
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var ct = leaseLost.Token;
        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var beating = HeartbeatAsync(run.RunId, lease, leaseLost, heartbeat.Token);
        try
        {
            LogStarted(logger, connector.Id, run.RunId, trigger);
            var checkpoint = await store.GetCheckpointAsync(connector.Id, ct).ConfigureAwait(false);
            var endpoint = await sender.GetSendEndpoint(partitions.AddressOf(connector.Id)).ConfigureAwait(false);
            await foreach (var (page, readAt) in ReadAheadAsync(connector.Id, readPages(checkpoint), ct).ConfigureAwait(false))
            {
                await WaitForRoomAsync(run.RunId, sent, ct).ConfigureAwait(false);
                await SendAsync(endpoint, connector, run.RunId, sent, page, readAt, inFlight, isLast: false, ct).ConfigureAwait(false);
                sent++;
            }

            if (allRead is not null)
                await allRead(run.RunId).ConfigureAwait(false);

            // A closing empty batch ends every run the same way, also a run that found nothing new.
            await SendAsync(endpoint, connector, run.RunId, sent, new SourcePage([], null), clock.GetUtcNow(), inFlight, isLast: true, ct).ConfigureAwait(false);
            sent++;
            var final = await progress.WaitAsync(run.RunId, s => !s.IsRunning, options.Value.RunCompletionTimeout, ct).ConfigureAwait(false);
            var finished = await store.GetRunAsync(run.RunId, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Run {run.RunId} disappeared from the store.");
            RecordDuration(finished);
            LogFinished(logger, connector.Id, run.RunId, final.Status, finished.Counts.Pulled, finished.Counts.Inserted,
                finished.Counts.Updated, finished.Counts.Unchanged, finished.Counts.Quarantined);
            return finished;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await store.FinishRunAsync(run.RunId, RunStatus.Interrupted, "The hub stopped during the run; the next run resumes from the last stored checkpoint.", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            LogLeaseLost(logger, connector.Id, run.RunId);
            await store.FinishRunAsync(run.RunId, RunStatus.Interrupted,
                "The worker running it lost the connector's lease; the run goes on from the last stored checkpoint wherever the lease is now.", CancellationToken.None).ConfigureAwait(false);
            // A lease is also lost when it could not be renewed in time (a store outage, a stalled process) and nobody took
            // it: then no other worker runs the connector, and without this request it would wait for its next schedule.
            // The scheduler starts the request once no run of the connector is under way; after a takeover that is one
            // more run that finds nothing new.
            await store.RequestRunAsync(connector.Id, RunTriggers.Resume, CancellationToken.None).ConfigureAwait(false);
            return await store.GetRunAsync(run.RunId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, connector.Id, run.RunId);
            // The batches sent before the failure are stored still, and their checkpoint counts: the next run resumes
            // after them instead of reading them again.
            await WaitForStoredAsync(run.RunId, sent, ct).ConfigureAwait(false);
            await store.FinishRunAsync(run.RunId, RunStatus.Failed, ex.Message, CancellationToken.None).ConfigureAwait(false);
            var failed = await store.GetRunAsync(run.RunId, CancellationToken.None).ConfigureAwait(false);
            if (failed is not null)
                RecordDuration(failed);
            return failed;
        }
        finally
        {
            await heartbeat.CancelAsync().ConfigureAwait(false);
            await beating.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            progress.Forget(run.RunId);
        }
    }

    /// <summary>
    /// Reads the next page while the current one is normalized and sent: the source's latency overlaps the work. Each
    /// page comes with the moment it was read.
    /// </summary>
    private async IAsyncEnumerable<(SourcePage Page, DateTimeOffset ReadAt)> ReadAheadAsync(string connectorId, IAsyncEnumerable<SourcePage> pages,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var ahead = Channel.CreateBounded<(SourcePage, DateTimeOffset)>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(async () =>
        {
            Exception? failure = null;
            try
            {
                var watch = Stopwatch.StartNew();
                await foreach (var page in pages.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    HubTelemetry.StageDuration.Record(watch.Elapsed.TotalSeconds, Connector(connectorId), new(HubTelemetry.StageTag, "read"));
                    await ahead.Writer.WriteAsync((page, clock.GetUtcNow()), stop.Token).ConfigureAwait(false);
                    watch.Restart();
                }
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                ahead.Writer.TryComplete(failure);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var item in ahead.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                yield return item;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task SendAsync(ISendEndpoint endpoint, ConnectorDefinition connector, Guid runId, int sequence, SourcePage page, DateTimeOffset readAt,
        InFlightKeys? inFlight, bool isLast, CancellationToken ct)
    {
        // Each batch is a trace of its own, also when an API request started the run (its context flows into the run's task).
        Activity.Current = null;
        using var activity = HubTelemetry.StartStage("connector.read_page", connector.Id, page.Records.Count, ActivityKind.Producer);
        activity?.SetTag("hub.batch.sequence", sequence);
        var header = new BatchHeader
        {
            RunId = runId,
            ConnectorId = connector.Id,
            Sequence = sequence,
            IsLast = isLast,
            CheckpointAfter = page.CheckpointAfter,
            ReadAt = readAt,
        };
        var watch = Stopwatch.StartNew();
        PageKeys? keys = null;
        IReadOnlyDictionary<string, string>? storedInputs = null;
        if (inFlight is not null)
        {
            keys = normalizer.KeysOf(page, connector);
            storedInputs = await StoredInputsAsync(connector.Id, runId, keys, inFlight, ct).ConfigureAwait(false);
        }

        RecordsNormalized batch;
        using (HubTelemetry.StartStage("normalizer.normalize", connector.Id, page.Records.Count))
            batch = normalizer.Normalize(page, connector, header, storedInputs);
        // Before the send: from now on the store may change these keys at any moment.
        if (inFlight is not null && keys is not null)
            inFlight.Sent(sequence, keys.All);
        if (page.Records.Count > 0)
            HubTelemetry.StageDuration.Record(watch.Elapsed.TotalSeconds, Connector(connector.Id), new(HubTelemetry.StageTag, "normalize"));
        await endpoint.Send(batch with { Batch = header with { SentAt = clock.GetUtcNow() } }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The input hashes the store holds for the page's candidate keys, leaving out keys of this run's batches still in
    /// flight: those batches may change what is stored. Which batches are stored is read before the store is asked, so a
    /// key no longer counted in flight was committed before the answer was read.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>?> StoredInputsAsync(string connectorId, Guid runId, PageKeys keys, InFlightKeys inFlight,
        CancellationToken ct)
    {
        if (keys.Candidates.Count == 0)
            return null;
        inFlight.StoredThrough(progress.StoredThrough(runId));
        var candidates = keys.Candidates.Where(key => !inFlight.Contains(key)).ToList();
        return candidates.Count == 0 ? null : await store.GetInputHashesAsync(connectorId, candidates, ct).ConfigureAwait(false);
    }

    private async Task WaitForRoomAsync(Guid runId, int sequence, CancellationToken ct)
    {
        var window = options.Value.MaxBatchesInFlight;
        var state = await progress.WaitAsync(runId, s => !s.IsRunning || sequence - (s.StoredThrough + 1) < window, options.Value.RunCompletionTimeout, ct)
            .ConfigureAwait(false);
        if (!state.IsRunning)
            throw new InvalidOperationException($"Run {runId} ended while reading ({state.Status}: {state.Error}).");
    }

    /// <summary>Waits (within the completion timeout) until the first <paramref name="sent"/> batches are stored.</summary>
    private async Task WaitForStoredAsync(Guid runId, int sent, CancellationToken ct)
    {
        try
        {
            await progress.WaitAsync(runId, s => !s.IsRunning || s.StoredThrough >= sent - 1, options.Value.RunCompletionTimeout, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWaitForStoredFailed(logger, ex, runId);
        }
    }

    private async Task HeartbeatAsync(Guid runId, string lease, CancellationTokenSource leaseLost, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), clock);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            if (!leases.Holds(lease))
            {
                await leaseLost.CancelAsync().ConfigureAwait(false);
                return;
            }

            try
            {
                await store.HeartbeatRunAsync(runId, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store is unreachable for a moment (restarting, say): the run goes on, its batches wait in the store
                // writer's retries, and the next beat tries again. Ending the loop here left a live run without a beat.
                LogHeartbeatFailed(logger, ex, runId);
            }
        }
    }

    private void RecordDuration(SyncRun run) =>
        HubTelemetry.RunDuration.Record(((run.FinishedAt ?? clock.GetUtcNow()) - run.StartedAt).TotalSeconds,
            Connector(run.ConnectorId),
            new KeyValuePair<string, object?>("hub.run.status", run.Status.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("hub.run.trigger", run.Trigger));

    private static KeyValuePair<string, object?> Connector(string connectorId) => new(HubTelemetry.ConnectorTag, connectorId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} failed and its stored pages could not be awaited; the next run may read some again")]
    private static partial void LogWaitForStoredFailed(ILogger logger, Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {Connector} runs in another process now; this {Trigger} waits here until that run ends")]
    private static partial void LogWaitingForLease(ILogger logger, string connector, string trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {Connector} runs in another process now; this start ({Trigger}) waits for that run to end")]
    private static partial void LogRunsElsewhere(ILogger logger, string connector, string trigger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The heartbeat of run {RunId} could not be written; trying again at the next beat")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This process lost the lease of {Connector} during run {RunId}; the run stops here and resumes where the lease is")]
    private static partial void LogLeaseLost(ILogger logger, string connector, Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {Connector} is already running; this start was skipped")]
    private static partial void LogAlreadyRunning(ILogger logger, string connector);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {Connector} started ({Trigger})")]
    private static partial void LogStarted(ILogger logger, string connector, Guid runId, string trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {Connector} {Status}: pulled {Pulled} = inserted {Inserted} + updated {Updated} + unchanged {Unchanged} + quarantined {Quarantined}")]
    private static partial void LogFinished(ILogger logger, string connector, Guid runId, RunStatus status, long pulled, long inserted, long updated, long unchanged, long quarantined);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} of {Connector} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string connector, Guid runId);
}
