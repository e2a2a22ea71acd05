using IntegrationHub.Contracts;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store;

/// <summary>
/// The supervision store: golden records with versions and source links, quarantine, connector state and runs, the
/// change log, API keys. SQLite (embedded) and PostgreSQL implement it with the same behaviour.
/// </summary>
public interface ISupervisionStore
{
    string Provider { get; }

    Task MigrateAsync(CancellationToken ct);

    Task<bool> PingAsync(CancellationToken ct);

    // --- sync runs and checkpoints ---

    /// <summary>Starts a run unless one is already running for the connector (then null).</summary>
    Task<SyncRun?> StartRunAsync(string connectorId, string trigger, CancellationToken ct);

    Task HeartbeatRunAsync(Guid runId, CancellationToken ct);

    Task FinishRunAsync(Guid runId, RunStatus status, string? error, CancellationToken ct);

    /// <summary>
    /// Marks running runs whose heartbeat is older than the cutoff as interrupted (their process died), except the runs the
    /// calling process knows to be alive: a busy store may delay a heartbeat, and a live run must never be cut off.
    /// </summary>
    Task<int> InterruptStaleRunsAsync(DateTimeOffset heartbeatBefore, IReadOnlyCollection<Guid> alive, CancellationToken ct);

    Task<SyncRun?> GetRunAsync(Guid runId, CancellationToken ct);

    Task<IReadOnlyList<SyncRun>> ListRunsAsync(string connectorId, int limit, CancellationToken ct);

    /// <summary>For each stored batch of a run: the time from reading its page to committing it.</summary>
    Task<IReadOnlyList<TimeSpan>> GetBatchLatenciesAsync(Guid runId, CancellationToken ct);

    Task<string?> GetCheckpointAsync(string connectorId, CancellationToken ct);

    /// <summary>
    /// Commits one normalized batch in one transaction: quarantine, source links, golden records, versions, change log,
    /// run counts, and the connector checkpoint advanced to the contiguous prefix of stored batches.
    /// </summary>
    Task<BatchOutcome> CommitBatchAsync(RecordsNormalized batch, CancellationToken ct);

    Task<IReadOnlyList<ConnectorSyncSummary>> GetSyncSummaryAsync(CancellationToken ct);

    /// <summary>The source fields the connector's last reading run saw; null before the first.</summary>
    Task<IReadOnlyList<string>?> GetSourceFieldsAsync(string connectorId, CancellationToken ct);

    /// <summary>Remembers the fields a run saw and, when they drifted, records the drift on the run and the connector.</summary>
    Task SaveSourceFieldsAsync(string connectorId, IReadOnlyCollection<string> fields, SourceDrift? drift, CancellationToken ct);

    // --- records, quarantine, change log ---

    Task<GoldenRecord?> GetRecordAsync(string id, CancellationToken ct);

    Task<IReadOnlyList<GoldenRecord>> ListRecordsAsync(RecordQuery query, CancellationToken ct);

    Task<IReadOnlyList<RecordVersion>> GetHistoryAsync(string id, CancellationToken ct);

    Task<long> CountRecordsAsync(CancellationToken ct);

    /// <summary>For each field group of the record, the source that gave its value; null for an unknown record.</summary>
    Task<IReadOnlyList<FieldLineage>?> GetFieldLineageAsync(string id, CancellationToken ct);

    /// <summary>The record's conflict log: every field group its sources disagree (or disagreed) on, with each source's value.</summary>
    Task<IReadOnlyList<FieldConflict>> GetConflictsAsync(string id, CancellationToken ct);

    Task<IReadOnlyList<QuarantineEntry>> ListQuarantineAsync(QuarantineQuery query, CancellationToken ct);

    Task<long> CountQuarantineAsync(QuarantineQuery query, CancellationToken ct);

    /// <summary>The raw payloads of a connector's live (not deleted) source records, by source key after <paramref name="afterKey"/>.</summary>
    Task<IReadOnlyList<(string SourceKey, string Raw)>> ListStoredRawAsync(string connectorId, string? afterKey, int limit, CancellationToken ct);

    /// <summary>One quarantine entry, open or resolved; null when there is none with this id.</summary>
    Task<QuarantineEntry?> GetQuarantineAsync(long id, CancellationToken ct);

    /// <summary>For each source key the store knows (as a link or an open quarantine entry), what became of the record.</summary>
    Task<IReadOnlyDictionary<string, SourceRecordState>> FindSourceRecordStatesAsync(string connectorId, IReadOnlyCollection<string> sourceKeys, CancellationToken ct);

    Task<IReadOnlyList<ChangeEvent>> ReadChangesAsync(long afterSequence, int limit, CancellationToken ct);

    Task<long> LastChangeSequenceAsync(CancellationToken ct);

    // --- connectors registered through the API, and enable/disable switches of any connector ---

    Task<IReadOnlyList<ConnectorRegistration>> ListConnectorRegistrationsAsync(CancellationToken ct);

    /// <summary>False when a registration with the id exists already.</summary>
    Task<bool> AddConnectorRegistrationAsync(string id, string definition, CancellationToken ct);

    Task<bool> UpdateConnectorRegistrationAsync(string id, string definition, CancellationToken ct);

    /// <summary>Removes the registration and its switch; the connector's records, runs and checkpoint stay.</summary>
    Task<bool> RemoveConnectorRegistrationAsync(string id, CancellationToken ct);

    /// <summary>Connector id → enabled, for connectors switched on or off through the API (overrides their definition).</summary>
    Task<IReadOnlyDictionary<string, bool>> GetConnectorSwitchesAsync(CancellationToken ct);

    Task SetConnectorSwitchAsync(string id, bool enabled, CancellationToken ct);

    // --- API keys ---

    Task CreateApiKeyAsync(ApiKey key, string keyHash, CancellationToken ct);

    Task<ApiKey?> FindApiKeyAsync(string keyHash, CancellationToken ct);

    /// <summary>Whether a usable key (not revoked, not expired) has this role.</summary>
    Task<bool> AnyApiKeyWithRoleAsync(string role, CancellationToken ct);

    // --- audit log of administrative actions ---

    /// <summary>Records one administrative action; returns its id.</summary>
    Task<long> AppendAuditAsync(AuditEntry entry, CancellationToken ct);

    /// <summary>A page of the audit log, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken ct);
}
