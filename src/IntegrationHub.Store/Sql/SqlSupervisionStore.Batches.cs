using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Contracts;
using IntegrationHub.Mapping.Identity;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    public async Task<BatchOutcome> CommitBatchAsync(RecordsNormalized batch, CancellationToken ct)
    {
        var header = batch.Batch;
        var runId = header.RunId.ToString();
        var now = Now;
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await dialect.LockChangeLogAsync(connection, tx, ct).ConfigureAwait(false);

        // A batch is stored once: a redelivered copy (after a crash between commit and acknowledgement) changes nothing.
        var first = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO run_batches (run_id, sequence, is_last, checkpoint_after, read_at, committed_at)
            VALUES (@runId, @sequence, @isLast, @checkpoint, @readAt, @now) ON CONFLICT (run_id, sequence) DO NOTHING
            """, new { runId, sequence = header.Sequence, isLast = header.IsLast ? 1 : 0, checkpoint = header.CheckpointAfter, readAt = header.ReadAt.ToUnixTimeMilliseconds(), now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (first == 0)
        {
            await tx.RollbackAsync(ct).ConfigureAwait(false);
            return new BatchOutcome(Duplicate: true, SyncCounts.Zero, RunCompleted: false);
        }

        var writer = new BatchWriter(connection, tx, batch, now, ct);
        foreach (var rejected in batch.Rejected)
            await writer.QuarantineAsync(rejected).ConfigureAwait(false);
        foreach (var accepted in batch.Accepted)
            await writer.UpsertAsync(accepted).ConfigureAwait(false);

        var counts = new SyncCounts(batch.Accepted.Count + batch.Rejected.Count, writer.Inserted, writer.Updated, writer.Unchanged, batch.Rejected.Count);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE sync_runs SET pulled = pulled + @Pulled, inserted = inserted + @Inserted, updated = updated + @Updated,
                unchanged = unchanged + @Unchanged, quarantined = quarantined + @Quarantined, heartbeat_at = @now
            WHERE run_id = @runId
            """, new { counts.Pulled, counts.Inserted, counts.Updated, counts.Unchanged, counts.Quarantined, now, runId }, tx, cancellationToken: ct)).ConfigureAwait(false);

        var completed = await AdvanceCheckpointAsync(connection, tx, header, now, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new BatchOutcome(Duplicate: false, counts, completed);
    }

    /// <summary>
    /// Moves the run's acknowledged prefix over every stored batch that now follows it without a gap, and the connector
    /// checkpoint with it — but only for the connector's current run, so a late batch of an interrupted run never moves it.
    /// </summary>
    private async Task<bool> AdvanceCheckpointAsync(DbConnection connection, DbTransaction tx, BatchHeader header, long now, CancellationToken ct)
    {
        var runId = header.RunId.ToString();
        var run = await connection.QuerySingleAsync<RunProgressRow>(new CommandDefinition(
            "SELECT acked_through AS AckedThrough, status AS Status FROM sync_runs WHERE run_id = @runId", new { runId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var acked = run.AckedThrough;
        string? checkpoint = null;
        var reachedLast = false;
        while (true)
        {
            var next = await connection.QuerySingleOrDefaultAsync<BatchRow>(new CommandDefinition(
                "SELECT is_last AS IsLast, checkpoint_after AS Checkpoint FROM run_batches WHERE run_id = @runId AND sequence = @sequence",
                new { runId, sequence = acked + 1 }, tx, cancellationToken: ct)).ConfigureAwait(false);
            if (next is not { } batch)
                break;
            acked++;
            checkpoint = batch.Checkpoint ?? checkpoint;
            reachedLast |= batch.IsLast == 1;
        }

        if (acked == run.AckedThrough)
            return false;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sync_runs SET acked_through = @acked WHERE run_id = @runId", new { acked, runId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (run.Status != "running")
            return false;
        if (checkpoint is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE connector_state SET checkpoint = @checkpoint, updated_at = @now WHERE connector_id = @connectorId AND current_run = @runId",
                new { checkpoint, now, connectorId = header.ConnectorId, runId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        if (reachedLast)
            await EndRunAsync(connection, tx, runId, RunStatus.Completed, null, ct).ConfigureAwait(false);
        return reachedLast;
    }

    /// <summary>Writes the records of one batch inside its transaction and counts what happened to each.</summary>
    private sealed class BatchWriter(DbConnection connection, DbTransaction tx, RecordsNormalized batch, long now, CancellationToken ct)
    {
        private readonly string _connectorId = batch.Batch.ConnectorId;
        private readonly long _readAt = batch.Batch.ReadAt.ToUnixTimeMilliseconds();

        public long Inserted { get; private set; }
        public long Updated { get; private set; }
        public long Unchanged { get; private set; }

        public async Task QuarantineAsync(RejectedRecord rejected)
        {
            var reasons = JsonSerializer.Serialize(rejected.Reasons, CanonicalJson.Options);
            var rules = string.Join(' ', rejected.Reasons.Select(r => r.Rule).Distinct(StringComparer.Ordinal));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO quarantine (connector_id, source_key, run_id, raw, raw_hash, reasons, rules, status, first_seen_at, last_seen_at)
                VALUES (@connectorId, @sourceKey, @runId, @raw, @rawHash, @reasons, @rules, 'open', @now, @now)
                ON CONFLICT (connector_id, source_key, raw_hash) WHERE status = 'open'
                DO UPDATE SET last_seen_at = excluded.last_seen_at, run_id = excluded.run_id, reasons = excluded.reasons, rules = excluded.rules
                """,
                new
                {
                    connectorId = _connectorId,
                    sourceKey = rejected.SourceKey,
                    runId = batch.Batch.RunId.ToString(),
                    raw = rejected.Raw,
                    rawHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rejected.Raw))),
                    reasons,
                    rules,
                    now,
                }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        public async Task UpsertAsync(NormalizedRecord accepted)
        {
            var link = await connection.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(
                "SELECT record_id AS RecordId, content_hash AS ContentHash, read_at AS ReadAt FROM source_records WHERE connector_id = @connectorId AND source_key = @sourceKey",
                new { connectorId = _connectorId, sourceKey = accepted.SourceKey }, tx, cancellationToken: ct)).ConfigureAwait(false);
            // Same content, or an older read of the record arriving late (a redelivered batch): nothing changes.
            if (link is { } known && (known.ContentHash == accepted.ContentHash || known.ReadAt > _readAt))
            {
                Unchanged++;
                return;
            }

            var record = CanonicalJson.Deserialize(accepted.Record);
            var identity = CaseIdentity.Of(record, _connectorId, accepted.SourceKey);
            var golden = await connection.QuerySingleOrDefaultAsync<GoldenHead>(new CommandDefinition(
                "SELECT id AS Id, version AS Version, content_hash AS ContentHash FROM golden_records WHERE identity_key = @identity",
                new { identity }, tx, cancellationToken: ct)).ConfigureAwait(false);
            var recordId = golden?.Id ?? Guid.CreateVersion7().ToString();

            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO source_records (connector_id, source_key, record_id, priority, content_hash, content, raw, source_version,
                                            mapping_version, warnings, read_at, received_at)
                VALUES (@connectorId, @sourceKey, @recordId, @priority, @contentHash, @content, @raw, @sourceVersion,
                        @mappingVersion, @warnings, @readAt, @now)
                ON CONFLICT (connector_id, source_key) DO UPDATE SET record_id = excluded.record_id, priority = excluded.priority,
                    content_hash = excluded.content_hash, content = excluded.content, raw = excluded.raw,
                    source_version = excluded.source_version, mapping_version = excluded.mapping_version,
                    warnings = excluded.warnings, read_at = excluded.read_at, received_at = excluded.received_at
                """,
                new
                {
                    connectorId = _connectorId,
                    sourceKey = accepted.SourceKey,
                    recordId,
                    priority = batch.SourcePriority,
                    contentHash = accepted.ContentHash,
                    content = accepted.Record,
                    raw = accepted.Raw,
                    sourceVersion = accepted.SourceVersion,
                    mappingVersion = batch.MappingVersion,
                    warnings = accepted.Warnings.Count == 0 ? null : JsonSerializer.Serialize(accepted.Warnings, CanonicalJson.Options),
                    readAt = _readAt,
                    now,
                }, tx, cancellationToken: ct)).ConfigureAwait(false);

            var change = await MergeAsync(recordId, identity, golden is null ? null : (golden.Version, golden.ContentHash)).ConfigureAwait(false);
            switch (change)
            {
                case "created":
                    Inserted++;
                    break;
                case "updated":
                    Updated++;
                    break;
                default:
                    Unchanged++;
                    break;
            }

            // The source record used to describe another case (its number was corrected): that case loses this source.
            if (link is { } previous && previous.RecordId != recordId)
                await MergeAsync(previous.RecordId, null, null).ConfigureAwait(false);
        }

        /// <summary>
        /// Recomputes a golden record from its sources: the content of the source with the highest priority, then the most
        /// recently read, with the lineage of every source. Returns "created", "updated" or null when the content is unchanged.
        /// </summary>
        private async Task<string?> MergeAsync(string recordId, string? identity, (long Version, string ContentHash)? current)
        {
            var sources = (await connection.QueryAsync<SourceRow>(new CommandDefinition(
                """
                SELECT connector_id AS ConnectorId, source_key AS SourceKey, priority AS Priority, content_hash AS ContentHash,
                       content AS Content, source_version AS SourceVersion, mapping_version AS MappingVersion,
                       read_at AS ReadAt, received_at AS ReceivedAt
                FROM source_records WHERE record_id = @recordId
                """, new { recordId }, tx, cancellationToken: ct)).ConfigureAwait(false)).ToList();
            if (sources.Count == 0)
                return null;

            var chosen = sources.OrderByDescending(s => s.Priority).ThenByDescending(s => s.ReadAt).ThenBy(s => s.ConnectorId, StringComparer.Ordinal).First();
            var lineage = sources
                .OrderByDescending(s => s.Priority).ThenBy(s => s.ConnectorId, StringComparer.Ordinal).ThenBy(s => s.SourceKey, StringComparer.Ordinal)
                .Select(s => new SourceLineage
                {
                    Connector = s.ConnectorId,
                    SourceKey = s.SourceKey,
                    SourceVersion = s.SourceVersion,
                    ReceivedAt = At(s.ReceivedAt),
                    MappingVersion = (int)s.MappingVersion,
                })
                .ToList();
            var record = CanonicalJson.Deserialize(chosen.Content) with { Sources = lineage };
            var content = CanonicalJson.Serialize(record);
            var projection = new
            {
                recordId,
                identity,
                contentHash = chosen.ContentHash,
                content,
                agencyUscc = record.Agency.Uscc,
                regionCode = record.Agency.RegionCode,
                category = JsonNamingPolicy.CamelCase.ConvertName(record.Category.ToString()),
                decidedOn = record.Dates.Decided?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                decisionNumber = record.DecisionNumber,
                now,
            };

            if (current is null)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO golden_records (id, identity_key, version, content_hash, content, agency_uscc, region_code, category,
                                                decided_on, decision_number, created_at, updated_at)
                    VALUES (@recordId, @identity, 1, @contentHash, @content, @agencyUscc, @regionCode, @category, @decidedOn, @decisionNumber, @now, @now)
                    """, projection, tx, cancellationToken: ct)).ConfigureAwait(false);
                await AppendVersionAsync(recordId, 1, "created", chosen.ContentHash, content, chosen.ConnectorId, projection.regionCode, projection.agencyUscc, projection.category).ConfigureAwait(false);
                return "created";
            }

            var changed = current.Value.ContentHash != chosen.ContentHash;
            var version = changed ? current.Value.Version + 1 : current.Value.Version;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE golden_records SET version = @version, content_hash = @contentHash, content = @content, agency_uscc = @agencyUscc,
                    region_code = @regionCode, category = @category, decided_on = @decidedOn, decision_number = @decisionNumber,
                    updated_at = CASE WHEN @changed = 1 THEN @now ELSE updated_at END
                WHERE id = @recordId
                """,
                new
                {
                    version,
                    projection.contentHash,
                    projection.content,
                    projection.agencyUscc,
                    projection.regionCode,
                    projection.category,
                    projection.decidedOn,
                    projection.decisionNumber,
                    changed = changed ? 1 : 0,
                    now,
                    recordId,
                }, tx, cancellationToken: ct)).ConfigureAwait(false);
            if (!changed)
                return null;
            await AppendVersionAsync(recordId, version, "updated", chosen.ContentHash, content, chosen.ConnectorId, projection.regionCode, projection.agencyUscc, projection.category).ConfigureAwait(false);
            return "updated";
        }

        private async Task AppendVersionAsync(string recordId, long version, string kind, string contentHash, string content, string connectorId,
            string? regionCode, string? agencyUscc, string category)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO record_versions (record_id, version, change_kind, content_hash, content, connector_id, changed_at)
                VALUES (@recordId, @version, @kind, @contentHash, @content, @connectorId, @now);
                INSERT INTO change_log (event_id, record_id, version, change_type, occurred_at, region_code, agency_uscc, category)
                VALUES (@eventId, @recordId, @version, @kind, @now, @regionCode, @agencyUscc, @category);
                """,
                new { recordId, version, kind, contentHash, content, connectorId, now, eventId = Guid.CreateVersion7().ToString(), regionCode, agencyUscc, category },
                tx, cancellationToken: ct)).ConfigureAwait(false);
        }
    }

    private sealed record RunProgressRow
    {
        public long AckedThrough { get; init; }
        public string Status { get; init; } = "";
    }

    private sealed record BatchRow
    {
        public long IsLast { get; init; }
        public string? Checkpoint { get; init; }
    }

    private sealed record LinkRow
    {
        public string RecordId { get; init; } = "";
        public string ContentHash { get; init; } = "";
        public long ReadAt { get; init; }
    }

    private sealed record GoldenHead
    {
        public string Id { get; init; } = "";
        public long Version { get; init; }
        public string ContentHash { get; init; } = "";
    }

    private sealed record SourceRow
    {
        public string ConnectorId { get; init; } = "";
        public string SourceKey { get; init; } = "";
        public long Priority { get; init; }
        public string ContentHash { get; init; } = "";
        public string Content { get; init; } = "";
        public string? SourceVersion { get; init; }
        public long MappingVersion { get; init; }
        public long ReadAt { get; init; }
        public long ReceivedAt { get; init; }
    }
}
