using Dapper;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    private const string RunColumns =
        "run_id AS RunId, connector_id AS ConnectorId, trigger_kind AS TriggerKind, status AS Status, started_at AS StartedAt, " +
        "finished_at AS FinishedAt, acked_through AS AckedThrough, pulled AS Pulled, inserted AS Inserted, updated AS Updated, " +
        "unchanged AS Unchanged, quarantined AS Quarantined, deleted AS Deleted, error AS Error, drift AS Drift";

    public Task<SyncRun?> StartRunAsync(string connectorId, string trigger, CancellationToken ct) => StartRunAsync(connectorId, trigger, null, ct);

    public async Task<SyncRun?> StartRunAsync(string connectorId, string trigger, long? leaseToken, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var write = await dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
        var tx = write.Transaction;
        var now = Now;
        // The connector's row is the lock: two starts of one connector serialize here, different connectors do not.
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO connector_state (connector_id, updated_at) VALUES (@connectorId, @now) ON CONFLICT (connector_id) DO NOTHING",
            new { connectorId, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var last = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT run_number FROM connector_state WHERE connector_id = @connectorId{dialect.ForUpdate}", new { connectorId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (leaseToken is { } token)
        {
            var fenced = await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT run_id FROM sync_runs WHERE connector_id = @connectorId AND status = 'running' AND (lease_token IS NULL OR lease_token < @token)",
                new { connectorId, token }, tx, cancellationToken: ct)).ConfigureAwait(false);
            foreach (var fencedRun in fenced.ToList())
            {
                await EndRunAsync(connection, tx, fencedRun, RunStatus.Interrupted,
                    "The worker running it lost the connector's lease (it stopped or was cut off); the next run resumes from the last stored checkpoint.", ct).ConfigureAwait(false);
            }
        }

        var running = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM sync_runs WHERE connector_id = @connectorId AND status = 'running'",
            new { connectorId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (running > 0)
            return null;

        var runId = Guid.CreateVersion7();
        var number = last + 1;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sync_runs (run_id, connector_id, trigger_kind, status, started_at, heartbeat_at, acked_through,
                                   pulled, inserted, updated, unchanged, quarantined, run_number, lease_token)
            VALUES (@runId, @connectorId, @trigger, 'running', @now, @now, -1, 0, 0, 0, 0, 0, @number, @leaseToken);
            UPDATE connector_state SET current_run = @runId, run_number = @number, updated_at = @now WHERE connector_id = @connectorId;
            """, new { runId = runId.ToString(), connectorId, trigger, now, number, leaseToken }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new SyncRun
        {
            RunId = runId,
            ConnectorId = connectorId,
            Trigger = trigger,
            Status = RunStatus.Running,
            StartedAt = At(now),
            Counts = SyncCounts.Zero,
        };
    }

    public async Task HeartbeatRunAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await dialect.ExecuteWriteAsync(connection,
            "UPDATE sync_runs SET heartbeat_at = @now WHERE run_id = @runId AND status = 'running'",
            new { runId = runId.ToString(), now = Now }, ct).ConfigureAwait(false);
    }

    public async Task FinishRunAsync(Guid runId, RunStatus status, string? error, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var write = await dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
        var tx = write.Transaction;
        await EndRunAsync(connection, tx, runId.ToString(), status, error, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> InterruptStaleRunsAsync(DateTimeOffset heartbeatBefore, IReadOnlyCollection<Guid> alive, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var write = await dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
        var tx = write.Transaction;
        // Dead: no heartbeat for too long, or the connector's lease the run was started under has expired or passed on.
        var stale = (await connection.QueryAsync<(string RunId, string ConnectorId)>(new CommandDefinition(
            """
            SELECT r.run_id, r.connector_id FROM sync_runs r
            WHERE r.status = 'running' AND (r.heartbeat_at < @cutoff OR (r.lease_token IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM leases l WHERE l.name = 'connector:' || r.connector_id AND l.token = r.lease_token AND l.expires_at > @now)))
            """,
            new { cutoff = heartbeatBefore.ToUnixTimeMilliseconds(), now = Now }, tx, cancellationToken: ct)).ConfigureAwait(false))
            .Where(run => !alive.Contains(Guid.Parse(run.RunId)))
            .ToList();
        foreach (var (runId, _) in stale)
        {
            await EndRunAsync(connection, tx, runId, RunStatus.Interrupted,
                "The process running this sync stopped (no heartbeat, or its lease expired); the next run resumes from the last stored checkpoint.", ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return [.. stale.Select(s => s.ConnectorId).Distinct(StringComparer.Ordinal)];
    }

    public async Task RequestRunAsync(string connectorId, string trigger, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await dialect.ExecuteWriteAsync(connection,
            """
            INSERT INTO connector_state (connector_id, updated_at, requested_trigger) VALUES (@connectorId, @now, @trigger)
            ON CONFLICT (connector_id) DO UPDATE SET requested_trigger = excluded.requested_trigger
            """, new { connectorId, trigger, now = Now }, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(string ConnectorId, string Trigger)>> TakeRunRequestsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var write = await dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
        var tx = write.Transaction;
        var requests = (await connection.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT connector_id, requested_trigger FROM connector_state WHERE requested_trigger IS NOT NULL AND current_run IS NULL",
            transaction: tx, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        foreach (var (connectorId, _) in requests)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE connector_state SET requested_trigger = NULL WHERE connector_id = @connectorId", new { connectorId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return requests;
    }

    public async Task<IReadOnlySet<string>> GetRunningConnectorsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var running = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT connector_id FROM connector_state WHERE current_run IS NOT NULL", cancellationToken: ct)).ConfigureAwait(false);
        return running.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<SyncRun?> GetRunAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            $"SELECT {RunColumns} FROM sync_runs WHERE run_id = @runId", new { runId = runId.ToString() }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToRun();
    }

    public async Task<IReadOnlyList<SyncRun>> ListRunsAsync(string connectorId, int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(
            $"SELECT {RunColumns} FROM sync_runs WHERE connector_id = @connectorId ORDER BY started_at DESC, run_id DESC LIMIT @limit",
            new { connectorId, limit }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToRun()).ToList();
    }

    public async Task<IReadOnlyList<TimeSpan>> GetBatchLatenciesAsync(Guid runId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT committed_at - read_at FROM run_batches WHERE run_id = @runId ORDER BY sequence",
            new { runId = runId.ToString() }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(ms => TimeSpan.FromMilliseconds(ms)).ToList();
    }

    public async Task<string?> GetCheckpointAsync(string connectorId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT checkpoint FROM connector_state WHERE connector_id = @connectorId", new { connectorId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetInputHashesAsync(string connectorId, IReadOnlyCollection<string> sourceKeys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sourceKeys);
        if (sourceKeys.Count == 0)
            return new Dictionary<string, string>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string SourceKey, string InputHash)>(new CommandDefinition(
            $"SELECT source_key, input_hash FROM source_records WHERE connector_id = @connectorId AND {dialect.InList("source_key", "keys")} " +
            "AND deleted_at IS NULL AND input_hash IS NOT NULL",
            new { connectorId, keys = dialect.ListValue(sourceKeys) }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.SourceKey, r => r.InputHash, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<ConnectorSyncSummary>> GetSyncSummaryAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var lastRuns = (await connection.QueryAsync<RunRow>(new CommandDefinition(
            $"""
            SELECT {RunColumns} FROM sync_runs r
            WHERE r.started_at = (SELECT MAX(started_at) FROM sync_runs x WHERE x.connector_id = r.connector_id)
            """, cancellationToken: ct)).ConfigureAwait(false)).GroupBy(r => r.ConnectorId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.RunId, StringComparer.Ordinal).First());
        var lastSuccess = (await connection.QueryAsync<CountRow>(new CommandDefinition(
            "SELECT connector_id AS ConnectorId, MAX(finished_at) AS Value FROM sync_runs WHERE status = 'completed' GROUP BY connector_id", cancellationToken: ct)).ConfigureAwait(false))
            .ToDictionary(r => r.ConnectorId, r => r.Value);
        var quarantine = (await connection.QueryAsync<CountRow>(new CommandDefinition(
            "SELECT connector_id AS ConnectorId, COUNT(*) AS Value FROM quarantine WHERE status = 'open' GROUP BY connector_id", cancellationToken: ct)).ConfigureAwait(false))
            .ToDictionary(r => r.ConnectorId, r => r.Value);
        var sources = (await connection.QueryAsync<CountRow>(new CommandDefinition(
            "SELECT connector_id AS ConnectorId, COUNT(*) AS Value FROM source_records GROUP BY connector_id", cancellationToken: ct)).ConfigureAwait(false))
            .ToDictionary(r => r.ConnectorId, r => r.Value);
        var drifts = (await connection.QueryAsync<(string ConnectorId, string Drift)>(new CommandDefinition(
            "SELECT connector_id, last_drift FROM connector_fields WHERE last_drift IS NOT NULL", cancellationToken: ct)).ConfigureAwait(false))
            .ToDictionary(r => r.ConnectorId, r => ReadDrift(r.Drift));

        return lastRuns.Keys.Union(quarantine.Keys).Union(sources.Keys).Order(StringComparer.Ordinal)
            .Select(id => new ConnectorSyncSummary
            {
                ConnectorId = id,
                LastRun = lastRuns.GetValueOrDefault(id)?.ToRun(),
                LastSuccessAt = lastSuccess.TryGetValue(id, out var at) ? At(at) : null,
                OpenQuarantine = quarantine.GetValueOrDefault(id),
                SourceRecords = sources.GetValueOrDefault(id),
                LastDrift = drifts.GetValueOrDefault(id),
            })
            .ToList();
    }

    private async Task EndRunAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, string runId, RunStatus status, string? error, CancellationToken ct)
    {
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sync_runs SET status = @status, finished_at = @now, error = @error WHERE run_id = @runId AND status = 'running'",
            new { runId, status = RunStatuses.ToText(status), now = Now, error }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (changed > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE connector_state SET current_run = NULL, updated_at = @now WHERE current_run = @runId",
                new { runId, now = Now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }
    }

    private sealed record CountRow
    {
        public string ConnectorId { get; init; } = "";
        public long Value { get; init; }
    }

    private sealed record RunRow
    {
        public string RunId { get; init; } = "";
        public string ConnectorId { get; init; } = "";
        public string TriggerKind { get; init; } = "";
        public string Status { get; init; } = "";
        public long StartedAt { get; init; }
        public long? FinishedAt { get; init; }
        public long AckedThrough { get; init; }
        public long Pulled { get; init; }
        public long Inserted { get; init; }
        public long Updated { get; init; }
        public long Unchanged { get; init; }
        public long Quarantined { get; init; }
        public long Deleted { get; init; }
        public string? Error { get; init; }
        public string? Drift { get; init; }

        public SyncRun ToRun() => new()
        {
            RunId = Guid.Parse(RunId),
            ConnectorId = ConnectorId,
            Trigger = TriggerKind,
            Status = RunStatuses.Parse(Status),
            StartedAt = At(StartedAt),
            FinishedAt = At(FinishedAt),
            Counts = new SyncCounts(Pulled, Inserted, Updated, Unchanged, Quarantined, Deleted),
            BatchesStored = (int)AckedThrough + 1,
            Error = Error,
            Drift = ReadDrift(Drift),
        };
    }
}
