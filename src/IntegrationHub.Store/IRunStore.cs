using IntegrationHub.Store.Model;

namespace IntegrationHub.Store;

/// <summary>The run ledger: sync runs (start under a lease, heartbeat, finish, interruption of a dead process's runs), run requests made while a connector ran elsewhere, checkpoints, and the per-connector sync summary.</summary>
public interface IRunStore
{
    /// <summary>Starts a run unless one is already running for the connector (then null).</summary>
    Task<SyncRun?> StartRunAsync(string connectorId, string trigger, CancellationToken ct);

    /// <summary>
    /// Starts a run under the connector's lease (its fencing token), unless one is already running. A running run of an
    /// older token belongs to a worker that lost the lease: it is interrupted first, and this run resumes from the checkpoint.
    /// </summary>
    Task<SyncRun?> StartRunAsync(string connectorId, string trigger, long? leaseToken, CancellationToken ct);

    Task HeartbeatRunAsync(Guid runId, CancellationToken ct);

    Task FinishRunAsync(Guid runId, RunStatus status, string? error, CancellationToken ct);

    /// <summary>
    /// Marks running runs whose heartbeat is older than the cutoff as interrupted (their process died), except the runs the
    /// calling process knows to be alive: a busy store may delay a heartbeat, and a live run must never be cut off.
    /// </summary>
    /// <returns>The connectors whose runs were interrupted (their work is to be resumed).</returns>
    Task<IReadOnlyList<string>> InterruptStaleRunsAsync(DateTimeOffset heartbeatBefore, IReadOnlyCollection<Guid> alive, CancellationToken ct);

    /// <summary>
    /// Remembers that a run of the connector was asked for while another worker was running it: the scheduler starts it
    /// once that run is over (a request is never dropped because the connector was busy elsewhere).
    /// </summary>
    Task RequestRunAsync(string connectorId, string trigger, CancellationToken ct);

    /// <summary>The run requests of connectors not running now, cleared as they are taken.</summary>
    Task<IReadOnlyList<(string ConnectorId, string Trigger)>> TakeRunRequestsAsync(CancellationToken ct);

    /// <summary>The connectors with a run under way, in any process.</summary>
    Task<IReadOnlySet<string>> GetRunningConnectorsAsync(CancellationToken ct);

    Task<SyncRun?> GetRunAsync(Guid runId, CancellationToken ct);

    Task<IReadOnlyList<SyncRun>> ListRunsAsync(string connectorId, int limit, CancellationToken ct);

    /// <summary>For each stored batch of a run: the time from reading its page to committing it.</summary>
    Task<IReadOnlyList<TimeSpan>> GetBatchLatenciesAsync(Guid runId, CancellationToken ct);

    Task<string?> GetCheckpointAsync(string connectorId, CancellationToken ct);

    /// <summary>
    /// For the given source keys of a connector, the input hash each live source record's content was computed from
    /// (keys without one are left out): a run need not normalize a record whose input it reads again.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> GetInputHashesAsync(string connectorId, IReadOnlyCollection<string> sourceKeys, CancellationToken ct);

    Task<IReadOnlyList<ConnectorSyncSummary>> GetSyncSummaryAsync(CancellationToken ct);
}
