namespace IntegrationHub.Store.Batches;

/// <summary>The statements of a batch commit: one text for both stores (their staging tables have the same names).</summary>
internal static class BatchSql
{
    /// <summary>The run a batch belongs to; locked for the batch on PostgreSQL, so two writers never interleave a run.</summary>
    public static string Gate(string lockClause) =>
        $"SELECT status AS Status, acked_through AS AckedThrough, run_number AS RunNumber, lease_token AS LeaseToken FROM sync_runs WHERE run_id = @runId{lockClause}";

    /// <summary>
    /// The connector's current lease token. Locked for the batch on PostgreSQL, so that no other worker can take the
    /// lease over between this check and the commit: the fence holds for the whole transaction.
    /// </summary>
    public static string Fence(string lockClause) => $"SELECT token FROM leases WHERE name = @leaseName{lockClause}";

    public const string Links =
        """
        SELECT s.source_key AS SourceKey, s.record_id AS RecordId, s.content_hash AS ContentHash, s.read_position AS ReadPosition,
               s.deleted_at AS DeletedAt, s.input_hash AS InputHash
        FROM stage_keys k JOIN source_records s ON s.connector_id = @connectorId AND s.source_key = k.source_key
        """;

    private const string GoldenColumns =
        "g.id AS Id, g.identity_key AS IdentityKey, g.version AS Version, g.content_hash AS ContentHash, g.content AS Content, " +
        "g.field_lineage AS FieldLineage, g.agency_uscc AS AgencyUscc, g.region_code AS RegionCode, g.category AS Category, " +
        "g.decided_on AS DecidedOn, g.decision_number AS DecisionNumber, g.created_at AS CreatedAt, g.updated_at AS UpdatedAt, g.deleted_at AS DeletedAt";

    /// <summary>Three result sets: golden records by case identity, by id, and the live sources of both.</summary>
    public static string Golden(string lockClause) =>
        $"""
        SELECT {GoldenColumns} FROM stage_lookup l JOIN golden_records g ON g.identity_key = l.identity_key ORDER BY g.id{lockClause};
        SELECT {GoldenColumns} FROM stage_lookup l JOIN golden_records g ON g.id = l.record_id ORDER BY g.id{lockClause};
        SELECT s.record_id AS RecordId, s.connector_id AS ConnectorId, s.source_key AS SourceKey, s.priority AS Priority,
               s.content_hash AS ContentHash, s.content AS Content, s.source_version AS SourceVersion, s.mapping_version AS MappingVersion,
               s.read_at AS ReadAt, s.received_at AS ReceivedAt
        FROM source_records s
        WHERE s.deleted_at IS NULL AND s.record_id IN (
            SELECT g.id FROM stage_lookup l JOIN golden_records g ON g.identity_key = l.identity_key
            UNION SELECT l.record_id FROM stage_lookup l WHERE l.record_id IS NOT NULL);
        """;

    /// <summary>A source record accepted now (fixed at the source, or replayed after a mapping fix), or deleted by the source, leaves quarantine.</summary>
    public const string ResolveQuarantine =
        "UPDATE quarantine SET status = 'resolved', last_seen_at = @now " +
        "WHERE connector_id = @connectorId AND status = 'open' AND source_key IN (SELECT source_key FROM stage_keys WHERE resolve = 1);";

    /// <summary>
    /// A record read again from another input that gives the same content (a field the mapping ignores changed, or the
    /// hub's normalizer or the mapping changed without changing this record): the content stays, and the input it now
    /// follows from is remembered, so that the next read of that input is not normalized again.
    /// </summary>
    public const string RefreshInputHashes =
        "UPDATE source_records SET input_hash = h.input_hash FROM stage_input_hashes h " +
        "WHERE source_records.connector_id = @connectorId AND source_records.source_key = h.source_key;";

    public const string DeleteSources =
        "UPDATE source_records SET deleted_at = d.deleted_at, read_at = d.read_at, read_position = d.read_position FROM stage_source_deletions d " +
        "WHERE source_records.connector_id = @connectorId AND source_records.source_key = d.source_key;";

    /// <summary>Records merged again whose sources stopped disagreeing on a field group: that group's entry is resolved.</summary>
    public const string ResolveConflicts =
        """
        UPDATE record_conflicts SET status = 'resolved', resolved_at = @now, updated_at = @now
        WHERE status = 'open' AND record_id IN (SELECT record_id FROM stage_reviewed)
          AND NOT EXISTS (SELECT 1 FROM stage_open_conflicts o WHERE o.record_id = record_conflicts.record_id AND o.field_group = record_conflicts.field_group);
        """;

    /// <summary>
    /// A version superseded by the batch takes the content its golden record held (the current version's content is
    /// stored once, in the golden record). Versions that already have theirs (written before this rule) keep it.
    /// </summary>
    public const string KeepSupersededContent =
        "UPDATE record_versions SET content = s.content FROM stage_superseded_versions s " +
        "WHERE record_versions.record_id = s.record_id AND record_versions.version = s.version AND record_versions.content IS NULL;";

    public const string RecordBatch =
        """
        INSERT INTO run_batches (run_id, sequence, is_last, checkpoint_after, read_at, committed_at)
        VALUES (@runId, @sequence, @isLast, @checkpoint, @readAt, @now) ON CONFLICT (run_id, sequence) DO NOTHING;
        UPDATE sync_runs SET pulled = pulled + @pulled, inserted = inserted + @inserted, updated = updated + @updated,
            unchanged = unchanged + @unchanged, quarantined = quarantined + @quarantined, deleted = deleted + @deleted,
            acked_through = @sequence, heartbeat_at = @now
        WHERE run_id = @runId;
        """;

    /// <summary>The checkpoint moves with the records it covers, for the connector's current run only.</summary>
    public const string MoveCheckpoint =
        "UPDATE connector_state SET checkpoint = @checkpoint, updated_at = @now WHERE connector_id = @connectorId AND current_run = @runId;";

    public const string CompleteRun =
        """
        UPDATE sync_runs SET status = 'completed', finished_at = @now WHERE run_id = @runId AND status = 'running';
        UPDATE connector_state SET current_run = NULL, updated_at = @now WHERE current_run = @runId;
        """;
}
