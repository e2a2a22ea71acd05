using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Pipeline.Runs;

/// <summary>
/// Starts the runs of this process: one at a time per connector (a run asked for while one is under way waits and starts
/// after it), of three kinds — a sync from the source, a quarantine replay, a backfill of stored raw payloads — each
/// carried by <see cref="RunPipeline"/>.
/// </summary>
public sealed partial class ConnectorRunner(
    IConnectorRegistry registry,
    IEnumerable<ISourceConnector> connectors,
    IRunStore store,
    ISourceStore sources,
    RunPipeline pipeline,
    SourceDriftRecorder drift,
    StoredPages stored,
    ConnectorContext context,
    ILogger<ConnectorRunner> logger)
{
    private readonly StoreRecordOutcomes _outcomes = new(sources);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<ConnectorDefinition, Task<SyncRun?>>> _queued = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> _liveRuns = new();
    private readonly Dictionary<string, ISourceConnector> _byKind = connectors.ToDictionary(c => c.Kind, StringComparer.Ordinal);
    private TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsRunning(string connectorId)
    {
        lock (_gate)
            return _active.ContainsKey(connectorId);
    }

    /// <summary>Completes when the next run of any connector ends here: the scheduler starts a continuous connector again at once.</summary>
    public Task NextRunEnd
    {
        get
        {
            lock (_gate)
                return _ended.Task;
        }
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
            TaskCompletionSource ended;
            lock (_gate)
            {
                _active.Remove(connectorId);
                if (_queued.Remove(connectorId, out var next))
                    _active[connectorId] = Task.Run(() => ExecuteAsync(connectorId, next), CancellationToken.None);
                ended = _ended;
                _ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            ended.TrySetResult();
        }
    }

    /// <summary>Runs a connector to the end: returns the finished run, or null when another run of it is under way.</summary>
    public async Task<SyncRun?> RunAsync(ConnectorDefinition connector, string trigger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connector);
        if (!_byKind.TryGetValue(connector.Kind, out var source))
            throw new ConnectorConfigurationException(connector.Id, "kind", $"'{connector.Kind}' is not a known connector kind ({string.Join(", ", _byKind.Keys)}).");
        var fields = new SourceDriftRecorder.RunFields();
        var finished = await ExecuteRunAsync(connector, trigger, checkpoint => fields.Observe(source.ReadAsync(connector, checkpoint, context, ct), ct),
            runId => drift.RecordAsync(connector, runId, fields, ct), ct).ConfigureAwait(false);
        if (finished is not null)
            await NotifyFinishedAsync(source, connector, finished, ct).ConfigureAwait(false);
        return finished;
    }

    /// <summary>
    /// Sends open quarantine entries through the normal path again (after a mapping fix), as a run of its own with the
    /// same conservation count. Replay batches carry no checkpoint: the connector's position in its source stays put.
    /// </summary>
    public Task<SyncRun?> ReplayAsync(ConnectorDefinition connector, QuarantineQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(query);
        var selection = query with { ConnectorId = connector.Id, Status = "open", Limit = PageSize(connector) };
        return ExecuteRunAsync(connector, RunTriggers.Replay, _ => stored.QuarantinedAsync(selection, ct), null, ct);
    }

    /// <summary>
    /// Re-normalizes every stored raw payload of the connector with its current mapping (after a mapping change), through
    /// the normal path, as a run with trigger "backfill" and the same conservation count. No checkpoint moves.
    /// </summary>
    public Task<SyncRun?> BackfillAsync(ConnectorDefinition connector, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connector);
        return ExecuteRunAsync(connector, RunTriggers.Backfill, _ => stored.RawAsync(connector.Id, PageSize(connector), ct), null, ct);
    }

    private async Task<SyncRun?> ExecuteRunAsync(ConnectorDefinition connector, string trigger, Func<string?, IAsyncEnumerable<SourcePage>> readPages,
        Func<Guid, Task>? allRead, CancellationToken ct)
    {
        Guid? runId = null;
        try
        {
            return await pipeline.RunAsync(connector, trigger, readPages, allRead, id =>
            {
                runId = id;
                _liveRuns[id] = 0;
            }, ct).ConfigureAwait(false);
        }
        finally
        {
            if (runId is { } id)
                _liveRuns.TryRemove(id, out _);
        }
    }

    private static int PageSize(ConnectorDefinition connector) => connector.Source["pageSize"]?.GetValue<int>() ?? 500;

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

    [LoggerMessage(Level = LogLevel.Error, Message = "A run of {Connector} could not be carried out")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string connector);

    [LoggerMessage(Level = LogLevel.Error, Message = "After run {RunId} of {Connector}, the connector could not finish its work on the source")]
    private static partial void LogAfterRunFailed(ILogger logger, Exception exception, string connector, Guid runId);
}
