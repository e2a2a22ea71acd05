using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using IntegrationHub.Store.Leases;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Batches;

/// <summary>
/// Commits sync batches, one transaction each, at a fixed number of round trips: the run is checked (order, duplicates),
/// the batch's links are read in one query, the golden records it touches and their sources in one more, the batch is
/// planned in memory (<see cref="BatchPlanner"/>), and its rows are written as sets, the change log last.
/// </summary>
internal sealed class BatchCommitter(IBatchSessions sessions, TimeProvider clock) : IBatchCommitter, IDisposable, IAsyncDisposable
{
    /// <summary>Closes the connections the sessions keep between batches (the host disposes the committer on stop).</summary>
    public void Dispose() => sessions.Dispose();

    /// <summary>Per connector: whether its last batch wrote most of its records (then the next one is prepared before the writer's lock).</summary>
    private readonly ConcurrentDictionary<string, bool> _writesMost = new(StringComparer.Ordinal);

    public ValueTask DisposeAsync() => sessions.DisposeAsync();

    public async Task<BatchCommitResult> CommitAsync(BatchToCommit batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var batchSources = new BatchSources(batch, now);
        // When the connector's last batch was mostly new or changed records, this one likely is too (a backfill): what its
        // records give whatever is stored is computed before taking the single writer. A re-sync of unchanged records
        // (the last batch wrote few) computes only for the few it writes, inside.
        if (_writesMost.GetValueOrDefault(batch.ConnectorId, true))
            batchSources.PrepareAll();
        await using var session = await sessions.OpenAsync(ct).ConfigureAwait(false);
        var connection = session.Connection;
        var tx = session.Transaction;
        var runId = batch.RunId.ToString();

        var run = await connection.QuerySingleOrDefaultAsync<RunGate>(new CommandDefinition(
            BatchSql.Gate(session.LockClause), new { runId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (run is null || run.Status != "running")
            return new BatchCommitResult(BatchDisposition.RunEnded, SyncCounts.Zero, (int)(run?.AckedThrough ?? -1), RunStatuses.Parse(run?.Status));
        if (run.LeaseToken is { } token && await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                BatchSql.Fence(session.LockClause), new { leaseName = LeaseNames.Connector(batch.ConnectorId) }, tx, cancellationToken: ct)).ConfigureAwait(false) != token)
        {
            // Another worker took the connector's lease over: this run's process lost it and must not write.
            return new BatchCommitResult(BatchDisposition.RunEnded, SyncCounts.Zero, (int)run.AckedThrough, RunStatus.Interrupted);
        }

        if (batch.Sequence <= run.AckedThrough)
            return new BatchCommitResult(BatchDisposition.Duplicate, SyncCounts.Zero, (int)run.AckedThrough, RunStatus.Running);
        if (batch.Sequence > run.AckedThrough + 1)
            throw new BatchOutOfOrderException(batch.RunId, batch.Sequence, (int)run.AckedThrough);

        // Which read is newer is decided by (run, sequence) of the connector, never by clocks.
        var position = (run.RunNumber << 32) | (uint)batch.Sequence;
        var planner = new BatchPlanner(batch, batchSources, position, now, Activity.Current?.Id);
        IEnumerable<StoredLink> links = [];
        if (planner.LinkKeys.Count > 0)
        {
            await session.WriteAsync(BatchTables.Keys, [.. planner.LinkKeys.Select(k => (k, planner.ResolvingKeys.Contains(k)))], ct).ConfigureAwait(false);
            links = await connection.QueryAsync<StoredLink>(new CommandDefinition(
                BatchSql.Links, new { connectorId = batch.ConnectorId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        var lookup = planner.Classify(links);
        IEnumerable<StoredGolden> goldens = [];
        IEnumerable<StoredSource> sources = [];
        if (!lookup.IsEmpty)
        {
            await session.WriteAsync(BatchTables.Lookup,
                [.. lookup.Identities.Select(i => ((string?)i, (string?)null)).Concat(lookup.RecordIds.Select(id => ((string?)null, (string?)id)))], ct).ConfigureAwait(false);
            await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
                BatchSql.Golden(session.LockClause), transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
            var byIdentity = await grid.ReadAsync<StoredGolden>().ConfigureAwait(false);
            var byId = await grid.ReadAsync<StoredGolden>().ConfigureAwait(false);
            goldens = byIdentity.Concat(byId).DistinctBy(g => g.Id, StringComparer.Ordinal).ToList();
            sources = (await grid.ReadAsync<StoredSource>().ConfigureAwait(false)).ToList();
        }

        var plan = planner.Plan(goldens, sources);
        _writesMost[batch.ConnectorId] = 2 * (plan.Counts.Inserted + plan.Counts.Updated) >= batch.Accepted.Count;
        var parameters = Parameters(batch, plan.Counts, now);
        await session.WriteAsync(BatchTables.Quarantine, plan.Quarantine, ct).ConfigureAwait(false);
        if (planner.LinkKeys.Count > 0)
            await session.ExecuteAsync(BatchSql.ResolveQuarantine, parameters, ct).ConfigureAwait(false);
        await session.WriteAsync(BatchTables.SourceRecords, plan.Sources, ct).ConfigureAwait(false);
        if (plan.InputHashes.Count > 0)
        {
            await session.WriteAsync(BatchTables.InputHashes, plan.InputHashes, ct).ConfigureAwait(false);
            await session.ExecuteAsync(BatchSql.RefreshInputHashes, parameters, ct).ConfigureAwait(false);
        }
        if (plan.SourceDeletions.Count > 0)
        {
            await session.WriteAsync(BatchTables.SourceDeletions, plan.SourceDeletions, ct).ConfigureAwait(false);
            await session.ExecuteAsync(BatchSql.DeleteSources, parameters, ct).ConfigureAwait(false);
        }

        await session.WriteAsync(BatchTables.GoldenRecords, plan.Golden, ct).ConfigureAwait(false);
        await session.WriteAsync(BatchTables.RecordConflicts, plan.Conflicts, ct).ConfigureAwait(false);
        if (plan.ConflictsReviewed.Count > 0)
        {
            await session.WriteAsync(BatchTables.Reviewed, plan.ConflictsReviewed, ct).ConfigureAwait(false);
            await session.WriteAsync(BatchTables.OpenConflicts, plan.OpenConflicts, ct).ConfigureAwait(false);
            await session.ExecuteAsync(BatchSql.ResolveConflicts, parameters, ct).ConfigureAwait(false);
        }

        if (plan.SupersededVersions.Count > 0)
        {
            await session.WriteAsync(BatchTables.SupersededVersions, plan.SupersededVersions, ct).ConfigureAwait(false);
            await session.ExecuteAsync(BatchSql.KeepSupersededContent, parameters, ct).ConfigureAwait(false);
        }

        await session.WriteAsync(BatchTables.RecordVersions, plan.Versions, ct).ConfigureAwait(false);
        await session.ExecuteAsync(BatchSql.RecordBatch, parameters, ct).ConfigureAwait(false);
        if (batch.CheckpointAfter is not null)
            await session.ExecuteAsync(BatchSql.MoveCheckpoint, parameters, ct).ConfigureAwait(false);
        if (batch.IsLast)
            await session.ExecuteAsync(BatchSql.CompleteRun, parameters, ct).ConfigureAwait(false);

        // The change log last, under its lock, so that its sequence numbers become visible in commit order.
        if (plan.Changes.Count > 0)
            await session.ExecuteAsync(session.ChangeLogLock, parameters, ct).ConfigureAwait(false);
        await session.FlushAsync(parameters, ct).ConfigureAwait(false);
        await session.WriteAsync(BatchTables.ChangeLog, plan.Changes, ct).ConfigureAwait(false);
        await session.CommitAsync(ct).ConfigureAwait(false);
        return new BatchCommitResult(BatchDisposition.Committed, plan.Counts, batch.Sequence, batch.IsLast ? RunStatus.Completed : RunStatus.Running);
    }

    private static object Parameters(BatchToCommit batch, SyncCounts counts, long now) => new
    {
        runId = batch.RunId.ToString(),
        connectorId = batch.ConnectorId,
        sequence = batch.Sequence,
        isLast = batch.IsLast ? 1 : 0,
        checkpoint = batch.CheckpointAfter,
        readAt = batch.ReadAt.ToUnixTimeMilliseconds(),
        now,
        pulled = counts.Pulled,
        inserted = counts.Inserted,
        updated = counts.Updated,
        unchanged = counts.Unchanged,
        quarantined = counts.Quarantined,
        deleted = counts.Deleted,
    };

    private sealed record RunGate
    {
        public string Status { get; init; } = "";
        public long AckedThrough { get; init; }
        public long RunNumber { get; init; }
        public long? LeaseToken { get; init; }
    }
}
