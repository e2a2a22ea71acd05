using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts;
using IntegrationHub.Contracts.Telemetry;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline.Runs;

/// <summary>
/// Bus stage 1: runs a connector. Reads pages from the stored checkpoint and publishes each as one batch; never moves the
/// checkpoint itself — the store writer does, after commit. At most <see cref="SyncOptions.MaxBatchesInFlight"/> batches
/// wait on the bus, so memory stays bounded however large the source. A run ends when its last batch is stored.
/// </summary>
public sealed partial class ConnectorRunner(
    IConnectorRegistry registry,
    IEnumerable<ISourceConnector> connectors,
    ISupervisionStore store,
    IBus bus,
    ConnectorContext context,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<ConnectorRunner> logger)
{
    private readonly StoreRecordOutcomes _outcomes = new(store);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<ConnectorDefinition, Task<SyncRun?>>> _queued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, byte> _liveRuns = new();
    private readonly Dictionary<string, ISourceConnector> _byKind = connectors.ToDictionary(c => c.Kind, StringComparer.Ordinal);

    public bool IsRunning(string connectorId)
    {
        lock (_gate)
            return _active.ContainsKey(connectorId);
    }

    /// <summary>The runs this process is executing right now (alive whatever their heartbeat says).</summary>
    public IReadOnlyCollection<Guid> LiveRuns => [.. _liveRuns.Keys];

    /// <summary>
    /// Starts a run in the background. While this process runs the connector, a request with <paramref name="queueIfBusy"/>
    /// waits and starts as soon as the current run ends (several such requests make one run): a run asked for is never
    /// dropped just because the previous one was finishing. Returns whether the run started or was queued.
    /// </summary>
    public bool TryStart(string connectorId, string trigger, CancellationToken stopping, bool queueIfBusy = true) =>
        Start(connectorId, connector => RunAsync(connector, trigger, stopping), queueIfBusy);

    /// <summary>Starts (or queues, like <see cref="TryStart"/>) a replay of the connector's open quarantine entries that match the query.</summary>
    public bool TryStartReplay(string connectorId, QuarantineQuery query, CancellationToken stopping) =>
        Start(connectorId, connector => ReplayAsync(connector, query, stopping), queueIfBusy: true);

    /// <summary>Starts (or queues) a backfill: the connector's stored raw payloads normalized again with its current mapping.</summary>
    public bool TryStartBackfill(string connectorId, CancellationToken stopping) =>
        Start(connectorId, connector => BackfillAsync(connector, stopping), queueIfBusy: true);

    private bool Start(string connectorId, Func<ConnectorDefinition, Task<SyncRun?>> run, bool queueIfBusy)
    {
        if (registry.Find(connectorId) is null)
            return false;
        lock (_gate)
        {
            if (_active.ContainsKey(connectorId))
            {
                if (queueIfBusy)
                    _queued[connectorId] = run;
                return queueIfBusy;
            }

            _active[connectorId] = Task.Run(() => ExecuteAsync(connectorId, run), CancellationToken.None);
            return true;
        }
    }

    private async Task ExecuteAsync(string connectorId, Func<ConnectorDefinition, Task<SyncRun?>> run)
    {
        try
        {
            if (registry.Find(connectorId) is { } connector)
                await run(connector).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the hub is stopping; the run is marked interrupted
        }
        catch (Exception ex)
        {
            LogStartFailed(logger, ex, connectorId);
        }
        finally
        {
            lock (_gate)
            {
                _active.Remove(connectorId);
                if (_queued.Remove(connectorId, out var next))
                    _active[connectorId] = Task.Run(() => ExecuteAsync(connectorId, next), CancellationToken.None);
            }
        }
    }

    /// <summary>Runs a connector to the end: returns the finished run, or null when another run of it is under way.</summary>
    public async Task<SyncRun?> RunAsync(ConnectorDefinition connector, string trigger, CancellationToken ct)
    {
        if (!_byKind.TryGetValue(connector.Kind, out var source))
            throw new ConnectorConfigurationException(connector.Id, "kind", $"'{connector.Kind}' is not a known connector kind ({string.Join(", ", _byKind.Keys)}).");
        var fields = new ObservedFields();
        var finished = await RunPagesAsync(connector, trigger, checkpoint => fields.Observe(source.ReadAsync(connector, checkpoint, context, ct), ct), ct,
            allRead: runId => fields.Records > 0 ? RecordDriftAsync(connector, runId, fields.Names, ct) : Task.CompletedTask).ConfigureAwait(false);
        if (finished is not null)
            await NotifyFinishedAsync(source, connector, finished, ct).ConfigureAwait(false);
        return finished;
    }

    /// <summary>
    /// Compares the fields this run's records had with the previous reading run's, and with what the mapping reads. A
    /// change is kept on the run and on the connector (its health shows it) and logged, instead of the mapping silently
    /// mapping nothing. The first run reports only mapped fields that never came (a misspelt column, say).
    /// </summary>
    private async Task RecordDriftAsync(ConnectorDefinition connector, Guid runId, IReadOnlySet<string> seen, CancellationToken ct)
    {
        try
        {
            var previous = await store.GetSourceFieldsAsync(connector.Id, ct).ConfigureAwait(false);
            var used = connector.Mapping.SourceFieldsUsed;
            var drift = new SourceDrift
            {
                RunId = runId,
                DetectedAt = clock.GetUtcNow(),
                Added = previous is null ? [] : [.. seen.Except(previous, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                Removed = previous is null ? [] : [.. previous.Except(seen, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                MappedButMissing = [.. used.Where(f => !seen.Contains(f) && (previous is null || previous.Contains(f, StringComparer.Ordinal))).Order(StringComparer.Ordinal)],
            };
            if (!drift.IsEmpty)
                LogDrift(logger, connector.Id, runId, string.Join(", ", drift.Added), string.Join(", ", drift.Removed), string.Join(", ", drift.MappedButMissing));
            await store.SaveSourceFieldsAsync(connector.Id, seen, drift.IsEmpty ? null : drift, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAfterRunFailed(logger, ex, connector.Id, runId);
        }
    }

    /// <summary>The field names of the records a run reads (deletions and unreadable parts aside).</summary>
    private sealed class ObservedFields
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        public IReadOnlySet<string> Names => _names;

        public long Records { get; private set; }

        public async IAsyncEnumerable<SourcePage> Observe(IAsyncEnumerable<SourcePage> pages, [EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (var page in pages.WithCancellation(ct).ConfigureAwait(false))
            {
                foreach (var record in page.Records.Where(r => !r.Deleted && r.Problem is null))
                {
                    Records++;
                    foreach (var (name, _) in record.Data)
                        _names.Add(name);
                }

                yield return page;
            }
        }
    }

    /// <summary>
    /// Tells the connector its run ended and which checkpoint is stored, so it may act on its source (archive a file). A
    /// failure here is logged and does not change the run: the records are stored, and the next run calls again.
    /// </summary>
    private async Task NotifyFinishedAsync(ISourceConnector source, ConnectorDefinition connector, SyncRun finished, CancellationToken ct)
    {
        try
        {
            var checkpoint = await store.GetCheckpointAsync(connector.Id, ct).ConfigureAwait(false);
            await source.OnRunFinishedAsync(connector, new RunFinished(finished.RunId, finished.Status == RunStatus.Completed, checkpoint, _outcomes), context, ct)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAfterRunFailed(logger, ex, connector.Id, finished.RunId);
        }
    }

    /// <summary>
    /// Sends open quarantine entries through the normal path again (after a mapping fix), as a run of its own with the
    /// same conservation count. Replay batches carry no checkpoint: the connector's position in its source stays put.
    /// </summary>
    public async Task<SyncRun?> ReplayAsync(ConnectorDefinition connector, QuarantineQuery query, CancellationToken ct)
    {
        var pageSize = connector.Source["pageSize"]?.GetValue<int>() ?? 500;
        var selection = query with { ConnectorId = connector.Id, Status = "open", Limit = pageSize };
        return await RunPagesAsync(connector, "replay", _ => QuarantinePagesAsync(selection, ct), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Re-normalizes every stored raw payload of the connector with its current mapping (after a mapping change), through
    /// the normal path, as a run with trigger "backfill" and the same conservation count. Its progress is the run's
    /// pulled count against the connector's source records. No checkpoint moves: the source is not read.
    /// </summary>
    public async Task<SyncRun?> BackfillAsync(ConnectorDefinition connector, CancellationToken ct)
    {
        var pageSize = connector.Source["pageSize"]?.GetValue<int>() ?? 500;
        return await RunPagesAsync(connector, "backfill", _ => StoredPagesAsync(connector.Id, pageSize, ct), ct).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<SourcePage> StoredPagesAsync(string connectorId, int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        while (true)
        {
            var stored = await store.ListStoredRawAsync(connectorId, after, pageSize, ct).ConfigureAwait(false);
            if (stored.Count == 0)
                yield break;
            yield return SourcePage.Of(stored.Select(s => (JsonObject)JsonNode.Parse(s.Raw)!), checkpointAfter: null);
            after = stored[^1].SourceKey;
        }
    }

    /// <summary>The selected entries page by page (keyset on id), so a large quarantine replays in bounded memory.</summary>
    private async IAsyncEnumerable<SourcePage> QuarantinePagesAsync(QuarantineQuery selection, [EnumeratorCancellation] CancellationToken ct)
    {
        long? after = null;
        while (true)
        {
            var entries = await store.ListQuarantineAsync(selection with { After = after }, ct).ConfigureAwait(false);
            if (entries.Count == 0)
                yield break;
            yield return SourcePage.Of(entries.Select(e => (JsonObject)JsonNode.Parse(e.Raw)!), checkpointAfter: null);
            after = entries[^1].Id;
        }
    }

    /// <param name="allRead">Called once every page is read and published, before the closing batch: what a run learns
    /// from reading (source drift) is recorded before the run can be seen as completed.</param>
    private async Task<SyncRun?> RunPagesAsync(ConnectorDefinition connector, string trigger,
        Func<string?, IAsyncEnumerable<SourcePage>> readPages, CancellationToken ct, Func<Guid, Task>? allRead = null)
    {
        var run = await store.StartRunAsync(connector.Id, trigger, ct).ConfigureAwait(false);
        if (run is null)
        {
            LogAlreadyRunning(logger, connector.Id);
            return null;
        }

        _liveRuns[run.RunId] = 0;
        var sequence = 0;
        using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var beating = HeartbeatAsync(run.RunId, heartbeat.Token);
        try
        {
            LogStarted(logger, connector.Id, run.RunId, trigger);
            var checkpoint = await store.GetCheckpointAsync(connector.Id, ct).ConfigureAwait(false);
            await foreach (var page in readPages(checkpoint).WithCancellation(ct).ConfigureAwait(false))
            {
                await WaitForRoomAsync(run.RunId, sequence, ct).ConfigureAwait(false);
                await PublishAsync(connector, run.RunId, sequence++, page.Records.Select(r => r.ToRaw()).ToList(),
                    page.CheckpointAfter, isLast: false, ct).ConfigureAwait(false);
            }

            if (allRead is not null)
                await allRead(run.RunId).ConfigureAwait(false);

            // A closing empty batch ends every run the same way, also a run that found nothing new.
            await PublishAsync(connector, run.RunId, sequence, [], checkpointAfter: null, isLast: true, ct).ConfigureAwait(false);
            var finished = await WaitForCompletionAsync(run.RunId, ct).ConfigureAwait(false);
            RecordDuration(finished);
            LogFinished(logger, connector.Id, run.RunId, finished.Status, finished.Counts.Pulled, finished.Counts.Inserted,
                finished.Counts.Updated, finished.Counts.Unchanged, finished.Counts.Quarantined);
            return finished;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await store.FinishRunAsync(run.RunId, RunStatus.Interrupted, "The hub stopped during the run; the next run resumes from the last stored checkpoint.", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, connector.Id, run.RunId);
            // The pages published before the failure are stored still, and their checkpoint counts: the next run
            // resumes after them instead of reading them again.
            await WaitForStoredAsync(run.RunId, sequence, ct).ConfigureAwait(false);
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
            _liveRuns.TryRemove(run.RunId, out _);
        }
    }

    private void RecordDuration(SyncRun run) =>
        HubTelemetry.RunDuration.Record(((run.FinishedAt ?? clock.GetUtcNow()) - run.StartedAt).TotalSeconds,
            new KeyValuePair<string, object?>(HubTelemetry.ConnectorTag, run.ConnectorId),
            new KeyValuePair<string, object?>("hub.run.status", run.Status.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("hub.run.trigger", run.Trigger));

    private async Task PublishAsync(ConnectorDefinition connector, Guid runId, int sequence, IReadOnlyList<RawSourceRecord> records,
        string? checkpointAfter, bool isLast, CancellationToken ct)
    {
        // Each batch is a trace of its own, also when an API request started the run (its context flows into the run's task).
        Activity.Current = null;
        using var activity = HubTelemetry.StartStage("connector.read_page", connector.Id, records.Count, ActivityKind.Producer);
        activity?.SetTag("hub.batch.sequence", sequence);
        await bus.Publish(new SourceRecordsRead
        {
            Batch = new BatchHeader
            {
                RunId = runId,
                ConnectorId = connector.Id,
                Sequence = sequence,
                IsLast = isLast,
                CheckpointAfter = checkpointAfter,
                ReadAt = clock.GetUtcNow(),
            },
            Records = records,
        }, ct).ConfigureAwait(false);
    }

    private async Task WaitForRoomAsync(Guid runId, int sequence, CancellationToken ct)
    {
        var window = options.Value.MaxBatchesInFlight;
        while (true)
        {
            var run = await store.GetRunAsync(runId, ct).ConfigureAwait(false);
            if (run is null || run.Status != RunStatus.Running)
                throw new InvalidOperationException($"Run {runId} ended while reading ({run?.Status}: {run?.Error}).");
            if (sequence - run.BatchesStored < window)
                return;
            await Task.Delay(PollInterval, clock, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Waits (within the completion timeout) until the first <paramref name="published"/> batches are stored.</summary>
    private async Task WaitForStoredAsync(Guid runId, int published, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + options.Value.RunCompletionTimeout;
        try
        {
            while (clock.GetUtcNow() < deadline && await store.GetRunAsync(runId, ct).ConfigureAwait(false) is { Status: RunStatus.Running } run
                && run.BatchesStored < published)
                await Task.Delay(PollInterval, clock, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWaitForStoredFailed(logger, ex, runId);
        }
    }

    private async Task<SyncRun> WaitForCompletionAsync(Guid runId, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + options.Value.RunCompletionTimeout;
        while (true)
        {
            var run = await store.GetRunAsync(runId, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Run {runId} disappeared from the store.");
            if (run.Status != RunStatus.Running)
                return run;
            if (clock.GetUtcNow() > deadline)
                throw new TimeoutException($"The batches of run {runId} were not all stored within {options.Value.RunCompletionTimeout}; see the hub-store queue and its error queue.");
            await Task.Delay(PollInterval, clock, ct).ConfigureAwait(false);
        }
    }

    private async Task HeartbeatAsync(Guid runId, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), clock);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            await store.HeartbeatRunAsync(runId, ct).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} failed and its stored pages could not be awaited; the next run may read some again")]
    private static partial void LogWaitForStoredFailed(ILogger logger, Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The fields of {Connector}'s source changed (run {RunId}): added [{Added}], removed [{Removed}], read by the mapping but missing [{Missing}]")]
    private static partial void LogDrift(ILogger logger, string connector, Guid runId, string added, string removed, string missing);

    [LoggerMessage(Level = LogLevel.Error, Message = "A run of {Connector} could not be carried out")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string connector);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {Connector} is already running; this start was skipped")]
    private static partial void LogAlreadyRunning(ILogger logger, string connector);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {Connector} started ({Trigger})")]
    private static partial void LogStarted(ILogger logger, string connector, Guid runId, string trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {Connector} {Status}: pulled {Pulled} = inserted {Inserted} + updated {Updated} + unchanged {Unchanged} + quarantined {Quarantined}")]
    private static partial void LogFinished(ILogger logger, string connector, Guid runId, RunStatus status, long pulled, long inserted, long updated, long unchanged, long quarantined);

    [LoggerMessage(Level = LogLevel.Error, Message = "After run {RunId} of {Connector}, the connector could not finish its work on the source")]
    private static partial void LogAfterRunFailed(ILogger logger, Exception exception, string connector, Guid runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} of {Connector} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string connector, Guid runId);
}
