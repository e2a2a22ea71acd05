using IntegrationHub.Store.Model;

namespace IntegrationHub.Store;

/// <summary>
/// The supervision store: golden records with versions and source links, quarantine, connector state and runs, the
/// change log, API keys. SQLite (embedded) and PostgreSQL implement it with the same behaviour. Its readers of the change
/// log see it as <see cref="IChangeLog"/>; delivery cursors are <see cref="IDeliveryCursors"/>.
/// </summary>
public interface ISupervisionStore : IChangeLog
{
    string Provider { get; }

    Task MigrateAsync(CancellationToken ct);

    Task<bool> PingAsync(CancellationToken ct);

    // --- sync runs and checkpoints ---

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

    Task<IReadOnlyList<ConnectorSyncSummary>> GetSyncSummaryAsync(CancellationToken ct);

    /// <summary>The source fields the connector's last reading run saw; null before the first.</summary>
    Task<IReadOnlyList<string>?> GetSourceFieldsAsync(string connectorId, CancellationToken ct);

    /// <summary>Remembers the fields a run saw and, when they drifted, records the drift on the run and the connector.</summary>
    Task SaveSourceFieldsAsync(string connectorId, IReadOnlyCollection<string> fields, SourceDrift? drift, CancellationToken ct);

    // --- records, quarantine, change log ---

    Task<GoldenRecord?> GetRecordAsync(string id, CancellationToken ct);

    Task<IReadOnlyList<GoldenRecord>> ListRecordsAsync(RecordQuery query, CancellationToken ct);

    /// <summary>The record's region, agency and category, to check a caller's scope; null for an unknown record.</summary>
    Task<(string? RegionCode, string? AgencyUscc, string? Category)?> GetRecordScopeAsync(string id, CancellationToken ct);

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

    /// <summary>Removes change-log entries older than <paramref name="before"/>; returns how many. Golden records and versions stay.</summary>
    Task<int> PruneChangesAsync(DateTimeOffset before, CancellationToken ct);

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

    /// <summary>Keys, revoked ones included; only those of one subscription when <paramref name="subscriptionId"/> is given.</summary>
    Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string? subscriptionId, CancellationToken ct);

    Task<ApiKey?> GetApiKeyAsync(string id, CancellationToken ct);

    /// <summary>False when there is no such key or it was revoked already.</summary>
    Task<bool> RevokeApiKeyAsync(string id, CancellationToken ct);

    // --- subscriptions ---

    /// <summary>False when a subscription with the id exists already.</summary>
    Task<bool> AddSubscriptionAsync(Subscription subscription, CancellationToken ct);

    Task<Subscription?> GetSubscriptionAsync(string id, CancellationToken ct);

    Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(CancellationToken ct);

    /// <summary>Replaces the stored subscription (name, kind, scope, filter, channels); false when unknown.</summary>
    Task<bool> UpdateSubscriptionAsync(Subscription subscription, CancellationToken ct);

    /// <summary>Removes the subscription and revokes its keys; false when unknown.</summary>
    Task<bool> RemoveSubscriptionAsync(string id, CancellationToken ct);

    // --- operator alerts ---

    /// <summary>Stores the alert and returns it with its id.</summary>
    Task<OperatorAlert> AddOperatorAlertAsync(OperatorAlert alert, CancellationToken ct);

    /// <summary>Alerts newest first; only those with an id below <paramref name="before"/> when given.</summary>
    Task<IReadOnlyList<OperatorAlert>> ListOperatorAlertsAsync(int limit, long? before, CancellationToken ct);

    /// <summary>For each subject of the kind, the state its latest alert announced.</summary>
    Task<IReadOnlyDictionary<string, string>> GetAlertedStatesAsync(string subjectKind, CancellationToken ct);

    // --- webhook delivery ---

    /// <summary>Appends an attempt to the delivery log without touching the state (manual redeliveries).</summary>
    Task AddWebhookDeliveryAsync(WebhookDelivery delivery, CancellationToken ct);

    /// <summary>The delivery log, newest first, before the entry <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListWebhookDeliveriesAsync(string subscriptionId, long? beforeId, int limit, CancellationToken ct);

    /// <summary>The change-log sequence of an event the webhook has attempted; null when it never did.</summary>
    Task<long?> FindDeliveredSequenceAsync(string subscriptionId, string eventId, CancellationToken ct);

    Task RequestWebhookRedeliveryAsync(string subscriptionId, long sequence, CancellationToken ct);

    /// <summary>Sequences waiting for a manual redelivery, oldest request first.</summary>
    Task<IReadOnlyList<long>> ListWebhookRedeliveriesAsync(string subscriptionId, CancellationToken ct);

    Task RemoveWebhookRedeliveryAsync(string subscriptionId, long sequence, CancellationToken ct);

    // --- audit log of administrative actions ---

    /// <summary>Records one administrative action; returns its id.</summary>
    Task<long> AppendAuditAsync(AuditEntry entry, CancellationToken ct);

    /// <summary>A page of the audit log, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken ct);
}
