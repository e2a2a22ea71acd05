using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Contracts;
using IntegrationHub.Store.Merge;
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

        var writer = new BatchWriter(dialect, connection, tx, batch, now, ct);
        foreach (var rejected in batch.Rejected)
            await writer.QuarantineAsync(rejected).ConfigureAwait(false);
        await writer.UpsertAllAsync(batch.Accepted).ConfigureAwait(false);
        await writer.DeleteAllAsync(batch.Deleted).ConfigureAwait(false);

        var counts = new SyncCounts(batch.Accepted.Count + batch.Rejected.Count + batch.Deleted.Count, writer.Inserted, writer.Updated, writer.Unchanged,
            batch.Rejected.Count, batch.Deleted.Count);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE sync_runs SET pulled = pulled + @Pulled, inserted = inserted + @Inserted, updated = updated + @Updated,
                unchanged = unchanged + @Unchanged, quarantined = quarantined + @Quarantined, deleted = deleted + @Deleted, heartbeat_at = @now
            WHERE run_id = @runId
            """, new { counts.Pulled, counts.Inserted, counts.Updated, counts.Unchanged, counts.Quarantined, counts.Deleted, now, runId }, tx, cancellationToken: ct)).ConfigureAwait(false);

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

    /// <summary>
    /// Writes the records of one batch inside its transaction and counts what happened to each. Reads are made once per
    /// batch (links, golden records, their sources); writes only for records whose content changed.
    /// </summary>
    private sealed class BatchWriter(StoreDialect dialect, DbConnection connection, DbTransaction tx, RecordsNormalized batch, long now, CancellationToken ct)
    {
        private readonly string _connectorId = batch.Batch.ConnectorId;
        private readonly long _readAt = batch.Batch.ReadAt.ToUnixTimeMilliseconds();
        private readonly Dictionary<string, LinkRow> _links = new(StringComparer.Ordinal);
        private readonly Dictionary<string, GoldenHead> _goldenByIdentity = new(StringComparer.Ordinal);
        private readonly Dictionary<string, GoldenHead> _goldenById = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<SourceRow>> _sourcesByRecord = new(StringComparer.Ordinal);

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

        public async Task UpsertAllAsync(IReadOnlyList<NormalizedRecord> records)
        {
            if (records.Count == 0)
                return;
            var keys = records.Select(r => r.SourceKey).Distinct(StringComparer.Ordinal).ToList();

            // A source record that is accepted now (fixed at the source, or replayed after a mapping fix) leaves quarantine.
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE quarantine SET status = 'resolved', last_seen_at = @now WHERE connector_id = @connectorId AND status = 'open' AND {dialect.InList("source_key", "keys")}",
                new { connectorId = _connectorId, keys, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
            foreach (var link in await connection.QueryAsync<LinkRow>(new CommandDefinition(
                $"SELECT {LinkColumns} FROM source_records WHERE connector_id = @connectorId AND {dialect.InList("source_key", "keys")}",
                new { connectorId = _connectorId, keys }, tx, cancellationToken: ct)).ConfigureAwait(false))
                _links[link.SourceKey] = link;

            // Same content (and not deleted), or an older read arriving late (a redelivered batch): nothing to write.
            var changed = new List<(NormalizedRecord Record, string Identity)>();
            foreach (var record in records)
            {
                if (_links.TryGetValue(record.SourceKey, out var known) && ((known.ContentHash == record.ContentHash && known.DeletedAt is null) || known.ReadAt > _readAt))
                    Unchanged++;
                else
                    changed.Add((record, record.CaseIdentity));
            }

            if (changed.Count == 0)
                return;
            var identities = changed.Select(c => c.Identity).Distinct(StringComparer.Ordinal).ToList();
            foreach (var head in await connection.QueryAsync<GoldenHead>(new CommandDefinition(
                $"SELECT {GoldenHeadColumns} FROM golden_records WHERE {dialect.InList("identity_key", "identities")}",
                new { identities }, tx, cancellationToken: ct)).ConfigureAwait(false))
                Remember(head);

            await LoadSourcesAsync(_goldenById.Keys.Concat(changed.Select(c => _links.GetValueOrDefault(c.Record.SourceKey)?.RecordId).OfType<string>())).ConfigureAwait(false);
            foreach (var (record, identity) in changed)
                await UpsertAsync(record, identity).ConfigureAwait(false);
        }

        /// <summary>
        /// Applies the source's deletions: the source link is marked deleted (kept, for lineage), and its golden record is
        /// merged again from the sources that remain — or becomes a tombstone (a "deleted" version and feed event) when
        /// none remains. A deletion of a key never stored, or already deleted, changes nothing; open quarantine entries of
        /// the key are resolved, since the source no longer holds the record.
        /// </summary>
        public async Task DeleteAllAsync(IReadOnlyList<DeletedRecord> deletions)
        {
            var keys = deletions.Where(d => !d.Superseded).Select(d => d.SourceKey).Distinct(StringComparer.Ordinal).ToList();
            if (keys.Count == 0)
                return;
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE quarantine SET status = 'resolved', last_seen_at = @now WHERE connector_id = @connectorId AND status = 'open' AND {dialect.InList("source_key", "keys")}",
                new { connectorId = _connectorId, keys, now }, tx, cancellationToken: ct)).ConfigureAwait(false);
            var links = (await connection.QueryAsync<LinkRow>(new CommandDefinition(
                $"SELECT {LinkColumns} FROM source_records WHERE connector_id = @connectorId AND {dialect.InList("source_key", "keys")}",
                new { connectorId = _connectorId, keys }, tx, cancellationToken: ct)).ConfigureAwait(false))
                .Where(l => l.DeletedAt is null && l.ReadAt <= _readAt)
                .ToList();
            if (links.Count == 0)
                return;

            var recordIds = links.Select(l => l.RecordId).Distinct(StringComparer.Ordinal).ToList();
            foreach (var head in await connection.QueryAsync<GoldenHead>(new CommandDefinition(
                $"SELECT {GoldenHeadColumns} FROM golden_records WHERE {dialect.InList("id", "ids")}",
                new { ids = recordIds }, tx, cancellationToken: ct)).ConfigureAwait(false))
                Remember(head);
            _sourcesByRecord.Clear();
            await LoadSourcesAsync(recordIds).ConfigureAwait(false);

            foreach (var link in links)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE source_records SET deleted_at = @now, read_at = @readAt WHERE connector_id = @connectorId AND source_key = @sourceKey",
                    new { now, readAt = _readAt, connectorId = _connectorId, sourceKey = link.SourceKey }, tx, cancellationToken: ct)).ConfigureAwait(false);
                _links[link.SourceKey] = link with { DeletedAt = now, ReadAt = _readAt };
                SourcesOf(link.RecordId).RemoveAll(s => s.ConnectorId == _connectorId && s.SourceKey == link.SourceKey);
            }

            foreach (var recordId in recordIds.Where(_goldenById.ContainsKey))
                await MergeAsync(recordId, _goldenById[recordId].IdentityKey).ConfigureAwait(false);
        }

        /// <summary>The live (not deleted) sources of the given golden records.</summary>
        private async Task LoadSourcesAsync(IEnumerable<string> recordIds)
        {
            foreach (var chunk in recordIds.Distinct(StringComparer.Ordinal).Chunk(500))
            {
                foreach (var source in await connection.QueryAsync<SourceRow>(new CommandDefinition(
                    $"SELECT {SourceColumns} FROM source_records WHERE deleted_at IS NULL AND {dialect.InList("record_id", "ids")}", new { ids = chunk.ToList() }, tx, cancellationToken: ct)).ConfigureAwait(false))
                    SourcesOf(source.RecordId).Add(source);
            }
        }

        private async Task UpsertAsync(NormalizedRecord accepted, string identity)
        {
            var link = _links.GetValueOrDefault(accepted.SourceKey);
            var golden = _goldenByIdentity.GetValueOrDefault(identity);
            var recordId = golden?.Id ?? Guid.CreateVersion7().ToString();
            var source = new SourceRow
            {
                RecordId = recordId,
                ConnectorId = _connectorId,
                SourceKey = accepted.SourceKey,
                Priority = batch.SourcePriority,
                ContentHash = accepted.ContentHash,
                Content = accepted.Record,
                SourceVersion = accepted.SourceVersion,
                MappingVersion = batch.MappingVersion,
                ReadAt = _readAt,
                ReceivedAt = now,
            };
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO source_records (connector_id, source_key, record_id, priority, content_hash, content, raw, source_version,
                                            mapping_version, warnings, read_at, received_at)
                VALUES (@connectorId, @sourceKey, @recordId, @priority, @contentHash, @content, @raw, @sourceVersion,
                        @mappingVersion, @warnings, @readAt, @now)
                ON CONFLICT (connector_id, source_key) DO UPDATE SET record_id = excluded.record_id, priority = excluded.priority,
                    content_hash = excluded.content_hash, content = excluded.content, raw = excluded.raw,
                    source_version = excluded.source_version, mapping_version = excluded.mapping_version,
                    warnings = excluded.warnings, read_at = excluded.read_at, received_at = excluded.received_at, deleted_at = NULL
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

            if (link is not null)
                _sourcesByRecord.GetValueOrDefault(link.RecordId)?.RemoveAll(s => s.ConnectorId == _connectorId && s.SourceKey == accepted.SourceKey);
            SourcesOf(recordId).Add(source);
            _links[accepted.SourceKey] = new LinkRow { SourceKey = accepted.SourceKey, RecordId = recordId, ContentHash = accepted.ContentHash, ReadAt = _readAt };

            switch (await MergeAsync(recordId, identity).ConfigureAwait(false))
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
            if (link is not null && link.RecordId != recordId && _goldenById.ContainsKey(link.RecordId))
                await MergeAsync(link.RecordId, _goldenById[link.RecordId].IdentityKey).ConfigureAwait(false);
        }

        /// <summary>
        /// Recomputes a golden record from its live sources, field group by field group (<see cref="GoldenRecordMerger"/>),
        /// with the lineage of every source and of every group, and keeps its conflict log up to date. Returns "created",
        /// "updated" or null when the merged content is unchanged.
        /// </summary>
        private async Task<string?> MergeAsync(string recordId, string identity)
        {
            var sources = SourcesOf(recordId);
            var current = _goldenById.GetValueOrDefault(recordId);
            if (sources.Count == 0)
                return current is { DeletedAt: null } ? await TombstoneAsync(current).ConfigureAwait(false) : null;
            var merged = GoldenRecordMerger.Merge([.. sources.Select(s => s.ToMergeSource())]);
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
            var record = merged.Record with { Sources = lineage };
            var changed = current is null || current.ContentHash != merged.ContentHash || current.DeletedAt is not null;
            var version = current is null ? 1 : changed ? current.Version + 1 : current.Version;
            var row = new
            {
                recordId,
                identity,
                version,
                contentHash = merged.ContentHash,
                content = CanonicalJson.Serialize(record),
                fieldLineage = JsonSerializer.Serialize(merged.Lineage, CanonicalJson.Options),
                agencyUscc = record.Agency.Uscc,
                regionCode = record.Agency.RegionCode,
                category = JsonNamingPolicy.CamelCase.ConvertName(record.Category.ToString()),
                decidedOn = record.Dates.Decided?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                decisionNumber = record.DecisionNumber,
                changed = changed ? 1 : 0,
                now,
            };

            var kind = current is null ? "created" : "updated";
            await connection.ExecuteAsync(new CommandDefinition(current is null
                ? """
                  INSERT INTO golden_records (id, identity_key, version, content_hash, content, field_lineage, agency_uscc, region_code, category,
                                              decided_on, decision_number, created_at, updated_at)
                  VALUES (@recordId, @identity, @version, @contentHash, @content, @fieldLineage, @agencyUscc, @regionCode, @category, @decidedOn,
                          @decisionNumber, @now, @now)
                  """
                : """
                  UPDATE golden_records SET version = @version, content_hash = @contentHash, content = @content, field_lineage = @fieldLineage,
                      agency_uscc = @agencyUscc, region_code = @regionCode, category = @category, decided_on = @decidedOn,
                      decision_number = @decisionNumber, updated_at = CASE WHEN @changed = 1 THEN @now ELSE updated_at END, deleted_at = NULL
                  WHERE id = @recordId
                  """, row, tx, cancellationToken: ct)).ConfigureAwait(false);
            Remember(new GoldenHead { Id = recordId, IdentityKey = identity, Version = version, ContentHash = merged.ContentHash });
            await LogConflictsAsync(recordId, merged.Conflicts, known: current is not null).ConfigureAwait(false);
            if (!changed)
                return null;

            await AppendVersionAsync(recordId, version, kind, row.contentHash, row.content, merged.Primary.ConnectorId, row.regionCode, row.agencyUscc, row.category).ConfigureAwait(false);
            return kind;
        }

        /// <summary>
        /// One conflict log entry per record and field group: written when sources first disagree, updated only when what
        /// they say changes (so a merge that finds the same disagreement writes nothing), resolved when they stop disagreeing.
        /// </summary>
        private async Task LogConflictsAsync(string recordId, IReadOnlyList<FieldConflict> conflicts, bool known)
        {
            foreach (var conflict in conflicts)
            {
                var values = JsonSerializer.Serialize(conflict.Values, CanonicalJson.Options);
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO record_conflicts (record_id, field_group, paths, source_values, values_hash, chosen_connector, chosen_source_key,
                                                  status, detected_at, updated_at)
                    VALUES (@recordId, @group, @paths, @values, @valuesHash, @chosenConnector, @chosenSourceKey, 'open', @now, @now)
                    ON CONFLICT (record_id, field_group) DO UPDATE SET paths = excluded.paths, source_values = excluded.source_values,
                        values_hash = excluded.values_hash, chosen_connector = excluded.chosen_connector,
                        chosen_source_key = excluded.chosen_source_key, updated_at = excluded.updated_at, resolved_at = NULL,
                        detected_at = CASE WHEN record_conflicts.status = 'open' THEN record_conflicts.detected_at ELSE excluded.detected_at END,
                        status = 'open'
                    WHERE record_conflicts.values_hash <> excluded.values_hash OR record_conflicts.status <> 'open'
                    """,
                    new
                    {
                        recordId,
                        group = conflict.Group,
                        paths = JsonSerializer.Serialize(conflict.Paths, CanonicalJson.Options),
                        values,
                        valuesHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(values))),
                        chosenConnector = conflict.ChosenConnector,
                        chosenSourceKey = conflict.ChosenSourceKey,
                        now,
                    }, tx, cancellationToken: ct)).ConfigureAwait(false);
            }

            // A new record has no log yet; a known one may hold disagreements that are gone now.
            if (!known)
                return;
            var open = conflicts.Select(c => c.Group).ToList();
            await connection.ExecuteAsync(new CommandDefinition(
                open.Count == 0
                    ? "UPDATE record_conflicts SET status = 'resolved', resolved_at = @now, updated_at = @now WHERE record_id = @recordId AND status = 'open'"
                    : $"UPDATE record_conflicts SET status = 'resolved', resolved_at = @now, updated_at = @now WHERE record_id = @recordId AND status = 'open' AND NOT ({dialect.InList("field_group", "open")})",
                new { recordId, now, open }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        /// <summary>
        /// The last source of a golden record was deleted: the record stays (its history is the supervision trail), marked
        /// deleted, with a "deleted" version carrying its last content and a "deleted" event on the feed.
        /// </summary>
        private async Task<string> TombstoneAsync(GoldenHead current)
        {
            var version = current.Version + 1;
            var head = await connection.QuerySingleAsync<(string Content, string? RegionCode, string? AgencyUscc, string? Category)>(new CommandDefinition(
                "SELECT content, region_code, agency_uscc, category FROM golden_records WHERE id = @id", new { id = current.Id }, tx, cancellationToken: ct)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE golden_records SET version = @version, deleted_at = @now, updated_at = @now WHERE id = @id",
                new { version, now, id = current.Id }, tx, cancellationToken: ct)).ConfigureAwait(false);
            Remember(current with { Version = version, DeletedAt = now });
            await AppendVersionAsync(current.Id, version, "deleted", current.ContentHash, head.Content, _connectorId, head.RegionCode, head.AgencyUscc, head.Category).ConfigureAwait(false);
            return "deleted";
        }

        private async Task AppendVersionAsync(string recordId, long version, string kind, string contentHash, string content, string connectorId,
            string? regionCode, string? agencyUscc, string? category) =>
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO record_versions (record_id, version, change_kind, content_hash, content, connector_id, changed_at)
                VALUES (@recordId, @version, @kind, @contentHash, @content, @connectorId, @now);
                INSERT INTO change_log (event_id, record_id, version, change_type, occurred_at, region_code, agency_uscc, category, trace_parent)
                VALUES (@eventId, @recordId, @version, @kind, @now, @regionCode, @agencyUscc, @category, @traceParent);
                """,
                new
                {
                    recordId,
                    version,
                    kind,
                    contentHash,
                    content,
                    connectorId,
                    now,
                    eventId = Guid.CreateVersion7().ToString(),
                    regionCode,
                    agencyUscc,
                    category,
                    // The store-commit span of the batch: feed deliveries of this change continue its trace.
                    traceParent = System.Diagnostics.Activity.Current?.Id,
                }, tx, cancellationToken: ct)).ConfigureAwait(false);

        private void Remember(GoldenHead head)
        {
            _goldenByIdentity[head.IdentityKey] = head;
            _goldenById[head.Id] = head;
        }

        private List<SourceRow> SourcesOf(string recordId)
        {
            if (!_sourcesByRecord.TryGetValue(recordId, out var list))
                _sourcesByRecord[recordId] = list = [];
            return list;
        }
    }

    private const string LinkColumns = "source_key AS SourceKey, record_id AS RecordId, content_hash AS ContentHash, read_at AS ReadAt, deleted_at AS DeletedAt";

    private const string GoldenHeadColumns = "id AS Id, identity_key AS IdentityKey, version AS Version, content_hash AS ContentHash, deleted_at AS DeletedAt";

    private const string SourceColumns =
        "record_id AS RecordId, connector_id AS ConnectorId, source_key AS SourceKey, priority AS Priority, content_hash AS ContentHash, " +
        "content AS Content, source_version AS SourceVersion, mapping_version AS MappingVersion, read_at AS ReadAt, received_at AS ReceivedAt";

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
        public string SourceKey { get; init; } = "";
        public string RecordId { get; init; } = "";
        public string ContentHash { get; init; } = "";
        public long ReadAt { get; init; }
        public long? DeletedAt { get; init; }
    }

    private sealed record GoldenHead
    {
        public string Id { get; init; } = "";
        public string IdentityKey { get; init; } = "";
        public long Version { get; init; }
        public string ContentHash { get; init; } = "";
        public long? DeletedAt { get; init; }
    }

    private sealed record SourceRow
    {
        public string RecordId { get; init; } = "";
        public string ConnectorId { get; init; } = "";
        public string SourceKey { get; init; } = "";
        public long Priority { get; init; }
        public string ContentHash { get; init; } = "";
        public string Content { get; init; } = "";
        public string? SourceVersion { get; init; }
        public long MappingVersion { get; init; }
        public long ReadAt { get; init; }
        public long ReceivedAt { get; init; }

        public MergeSource ToMergeSource() => new()
        {
            ConnectorId = ConnectorId,
            SourceKey = SourceKey,
            Priority = Priority,
            SourceVersion = SourceVersion,
            MappingVersion = MappingVersion,
            ReadAt = At(ReadAt),
            Content = Content,
        };
    }
}
