namespace IntegrationHub.Store.Batches;

/// <summary>The tables a batch writes, with their columns and conflict rules: one definition for both stores.</summary>
internal static class BatchTables
{
    public static BatchTable<SourceRow> SourceRecords { get; } = new("source_records",
        """
        ON CONFLICT (connector_id, source_key) DO UPDATE SET record_id = excluded.record_id, priority = excluded.priority,
            content_hash = excluded.content_hash, content = excluded.content, raw = excluded.raw, source_version = excluded.source_version,
            mapping_version = excluded.mapping_version, warnings = excluded.warnings, read_at = excluded.read_at,
            received_at = excluded.received_at, deleted_at = excluded.deleted_at, read_position = excluded.read_position,
            input_hash = excluded.input_hash
        """,
        new TextColumn<SourceRow>("connector_id", r => r.ConnectorId),
        new TextColumn<SourceRow>("source_key", r => r.SourceKey),
        new TextColumn<SourceRow>("record_id", r => r.RecordId),
        new Int32Column<SourceRow>("priority", r => r.Priority),
        new TextColumn<SourceRow>("content_hash", r => r.ContentHash),
        new TextColumn<SourceRow>("content", r => r.Content),
        new TextColumn<SourceRow>("raw", r => r.Raw),
        new TextColumn<SourceRow>("source_version", r => r.SourceVersion),
        new Int32Column<SourceRow>("mapping_version", r => r.MappingVersion),
        new TextColumn<SourceRow>("warnings", r => r.Warnings),
        new Int64Column<SourceRow>("read_at", r => r.ReadAt),
        new Int64Column<SourceRow>("received_at", r => r.ReceivedAt),
        new Int64Column<SourceRow>("deleted_at", r => r.DeletedAt),
        new Int64Column<SourceRow>("read_position", r => r.ReadPosition),
        new TextColumn<SourceRow>("input_hash", r => r.InputHash));

    public static BatchTable<GoldenRow> GoldenRecords { get; } = new("golden_records",
        """
        ON CONFLICT (id) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash, content = excluded.content,
            field_lineage = excluded.field_lineage, agency_uscc = excluded.agency_uscc, region_code = excluded.region_code,
            category = excluded.category, decided_on = excluded.decided_on, decision_number = excluded.decision_number,
            updated_at = excluded.updated_at, deleted_at = excluded.deleted_at
        """,
        new TextColumn<GoldenRow>("id", r => r.Id),
        new TextColumn<GoldenRow>("identity_key", r => r.IdentityKey),
        new Int32Column<GoldenRow>("version", r => r.Version),
        new TextColumn<GoldenRow>("content_hash", r => r.ContentHash),
        new TextColumn<GoldenRow>("content", r => r.Content),
        new TextColumn<GoldenRow>("field_lineage", r => r.FieldLineage),
        new TextColumn<GoldenRow>("agency_uscc", r => r.AgencyUscc),
        new TextColumn<GoldenRow>("region_code", r => r.RegionCode),
        new TextColumn<GoldenRow>("category", r => r.Category),
        new TextColumn<GoldenRow>("decided_on", r => r.DecidedOn),
        new TextColumn<GoldenRow>("decision_number", r => r.DecisionNumber),
        new Int64Column<GoldenRow>("created_at", r => r.CreatedAt),
        new Int64Column<GoldenRow>("updated_at", r => r.UpdatedAt),
        new Int64Column<GoldenRow>("deleted_at", r => r.DeletedAt));

    public static BatchTable<VersionRow> RecordVersions { get; } = new("record_versions", null,
        new TextColumn<VersionRow>("record_id", r => r.RecordId),
        new Int32Column<VersionRow>("version", r => r.Version),
        new TextColumn<VersionRow>("change_kind", r => r.ChangeKind),
        new TextColumn<VersionRow>("content_hash", r => r.ContentHash),
        new TextColumn<VersionRow>("content", r => r.Content),
        new TextColumn<VersionRow>("connector_id", r => r.ConnectorId),
        new Int64Column<VersionRow>("changed_at", r => r.ChangedAt));

    public static BatchTable<ChangeRow> ChangeLog { get; } = new("change_log", null,
        new TextColumn<ChangeRow>("event_id", r => r.EventId),
        new TextColumn<ChangeRow>("record_id", r => r.RecordId),
        new Int32Column<ChangeRow>("version", r => r.Version),
        new TextColumn<ChangeRow>("change_type", r => r.ChangeType),
        new Int64Column<ChangeRow>("occurred_at", r => r.OccurredAt),
        new TextColumn<ChangeRow>("region_code", r => r.RegionCode),
        new TextColumn<ChangeRow>("agency_uscc", r => r.AgencyUscc),
        new TextColumn<ChangeRow>("category", r => r.Category),
        new TextColumn<ChangeRow>("trace_parent", r => r.TraceParent));

    /// <summary>Written when sources first disagree, updated only when what they say changes (the same disagreement writes nothing).</summary>
    public static BatchTable<ConflictRow> RecordConflicts { get; } = new("record_conflicts",
        """
        ON CONFLICT (record_id, field_group) DO UPDATE SET paths = excluded.paths, source_values = excluded.source_values,
            values_hash = excluded.values_hash, chosen_connector = excluded.chosen_connector,
            chosen_source_key = excluded.chosen_source_key, updated_at = excluded.updated_at, resolved_at = NULL,
            detected_at = CASE WHEN record_conflicts.status = 'open' THEN record_conflicts.detected_at ELSE excluded.detected_at END,
            status = 'open'
        WHERE record_conflicts.values_hash <> excluded.values_hash OR record_conflicts.status <> 'open'
        """,
        new TextColumn<ConflictRow>("record_id", r => r.RecordId),
        new TextColumn<ConflictRow>("field_group", r => r.FieldGroup),
        new TextColumn<ConflictRow>("paths", r => r.Paths),
        new TextColumn<ConflictRow>("source_values", r => r.SourceValues),
        new TextColumn<ConflictRow>("values_hash", r => r.ValuesHash),
        new TextColumn<ConflictRow>("chosen_connector", r => r.ChosenConnector),
        new TextColumn<ConflictRow>("chosen_source_key", r => r.ChosenSourceKey),
        new TextColumn<ConflictRow>("status", _ => "open"),
        new Int64Column<ConflictRow>("detected_at", r => r.DetectedAt),
        new Int64Column<ConflictRow>("updated_at", r => r.UpdatedAt));

    /// <summary>A broken record seen again with the same raw payload keeps its one open entry.</summary>
    public static BatchTable<QuarantineRow> Quarantine { get; } = new("quarantine",
        """
        ON CONFLICT (connector_id, source_key, raw_hash) WHERE status = 'open'
        DO UPDATE SET last_seen_at = excluded.last_seen_at, run_id = excluded.run_id, reasons = excluded.reasons, rules = excluded.rules
        """,
        new TextColumn<QuarantineRow>("connector_id", r => r.ConnectorId),
        new TextColumn<QuarantineRow>("source_key", r => r.SourceKey),
        new TextColumn<QuarantineRow>("run_id", r => r.RunId),
        new TextColumn<QuarantineRow>("raw", r => r.Raw),
        new TextColumn<QuarantineRow>("raw_hash", r => r.RawHash),
        new TextColumn<QuarantineRow>("reasons", r => r.Reasons),
        new TextColumn<QuarantineRow>("rules", r => r.Rules),
        new TextColumn<QuarantineRow>("status", _ => "open"),
        new Int64Column<QuarantineRow>("first_seen_at", r => r.SeenAt),
        new Int64Column<QuarantineRow>("last_seen_at", r => r.SeenAt));

    // Small staging tables both stores fill, read by the same statements on both.

    /// <summary>The batch's source keys; <c>resolve</c> = 1 for keys whose open quarantine entries the batch resolves.</summary>
    public static BatchTable<(string Key, bool Resolve)> Keys { get; } = new("stage_keys", null,
        new TextColumn<(string Key, bool Resolve)>("source_key", r => r.Key),
        new Int32Column<(string Key, bool Resolve)>("resolve", r => r.Resolve ? 1 : 0));

    /// <summary>The golden records to read: by case identity or by id.</summary>
    public static BatchTable<(string? Identity, string? RecordId)> Lookup { get; } = new("stage_lookup", null,
        new TextColumn<(string? Identity, string? RecordId)>("identity_key", r => r.Identity),
        new TextColumn<(string? Identity, string? RecordId)>("record_id", r => r.RecordId));

    public static BatchTable<SourceDeletionRow> SourceDeletions { get; } = new("stage_source_deletions", null,
        new TextColumn<SourceDeletionRow>("source_key", r => r.SourceKey),
        new Int64Column<SourceDeletionRow>("deleted_at", r => r.DeletedAt),
        new Int64Column<SourceDeletionRow>("read_at", r => r.ReadAt),
        new Int64Column<SourceDeletionRow>("read_position", r => r.ReadPosition));

    public static BatchTable<string> Reviewed { get; } = new("stage_reviewed", null,
        new TextColumn<string>("record_id", r => r));

    public static BatchTable<OpenConflict> OpenConflicts { get; } = new("stage_open_conflicts", null,
        new TextColumn<OpenConflict>("record_id", r => r.RecordId),
        new TextColumn<OpenConflict>("field_group", r => r.FieldGroup));

    /// <summary>Links whose content stays while their input changed (see <see cref="BatchSql.RefreshInputHashes"/>).</summary>
    public static BatchTable<InputHashRow> InputHashes { get; } = new("stage_input_hashes", null,
        new TextColumn<InputHashRow>("source_key", r => r.SourceKey),
        new TextColumn<InputHashRow>("input_hash", r => r.InputHash));

    /// <summary>The versions the batch superseded, whose content moves out of their golden records (see <see cref="BatchSql.KeepSupersededContent"/>).</summary>
    public static BatchTable<SupersededVersionRow> SupersededVersions { get; } = new("stage_superseded_versions", null,
        new TextColumn<SupersededVersionRow>("record_id", r => r.RecordId),
        new Int32Column<SupersededVersionRow>("version", r => r.Version),
        new TextColumn<SupersededVersionRow>("content", r => r.Content));

    /// <summary>
    /// Every small staging table: each store creates them once per connection and empties them for every batch. Declared
    /// last: static properties are initialized in order, and this list reads the ones above.
    /// </summary>
    public static IReadOnlyList<(string Name, string Create)> Staging { get; } =
    [
        (Keys.Name, Keys.CreateTemporary), (Lookup.Name, Lookup.CreateTemporary), (SourceDeletions.Name, SourceDeletions.CreateTemporary),
        (Reviewed.Name, Reviewed.CreateTemporary), (OpenConflicts.Name, OpenConflicts.CreateTemporary),
        (SupersededVersions.Name, SupersededVersions.CreateTemporary), (InputHashes.Name, InputHashes.CreateTemporary),
    ];
}
