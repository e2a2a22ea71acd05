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

    /// <summary>
    /// The changes after <paramref name="afterSequence"/> up to and including <paramref name="throughSequence"/> that
    /// <paramref name="scope"/> allows, oldest first. The scope is applied before the limit.
    /// </summary>
    Task<IReadOnlyList<ChangeEvent>> ReadChangesAsync(long afterSequence, long throughSequence, FeedScope scope, int limit, CancellationToken ct);

    /// <summary>How many changes after <paramref name="afterSequence"/> the scope allows: a subscriber's backlog.</summary>
    Task<long> CountChangesAsync(long afterSequence, FeedScope scope, CancellationToken ct);

    /// <summary>Remembers where a subscription's pull-feed reader stands (the cursor it last sent), to show its lag.</summary>
    Task SaveFeedPositionAsync(string subscriptionId, long sequence, CancellationToken ct);

    /// <summary>Subscription id → (position, when it was last read) of every subscription that reads the pull feed.</summary>
    Task<IReadOnlyDictionary<string, (long Sequence, DateTimeOffset ReadAt)>> GetFeedPositionsAsync(CancellationToken ct);

    /// <summary>The highest sequence removed from the change log by retention (0 when nothing was removed).</summary>
    Task<long> GetPrunedThroughAsync(CancellationToken ct);

    /// <summary>Removes change-log entries older than <paramref name="before"/>; returns how many. Golden records and versions stay.</summary>
    Task<int> PruneChangesAsync(DateTimeOffset before, CancellationToken ct);

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

    // --- AMQP channel ---

    /// <summary>The last change-log sequence published and confirmed to a subscription's AMQP queue (0: none yet).</summary>
    Task<long> GetAmqpCursorAsync(string subscriptionId, CancellationToken ct);

    /// <summary>Moves a subscription's AMQP cursor forward to <paramref name="sequence"/>; never moves it back.</summary>
    Task AdvanceAmqpCursorAsync(string subscriptionId, long sequence, CancellationToken ct);

    // --- webhook delivery ---

    /// <summary>The webhook's place in the change log; null before the webhook was first set.</summary>
    Task<WebhookDeliveryState?> GetWebhookStateAsync(string subscriptionId, CancellationToken ct);

    /// <summary>Starts the webhook's delivery after <paramref name="cursor"/>; false (and no change) when it has a state already.</summary>
    Task<bool> StartWebhookStateAsync(string subscriptionId, long cursor, CancellationToken ct);

    /// <summary>
    /// In one transaction: appends the attempt to the delivery log (when given) and saves the new state, unless an
    /// operator rewound or reset the state since it was read (its generation changed); returns whether it was saved.
    /// </summary>
    Task<bool> RecordWebhookAttemptAsync(WebhookDelivery? delivery, WebhookDeliveryState state, CancellationToken ct);

    /// <summary>Appends an attempt to the delivery log without touching the state (manual redeliveries).</summary>
    Task AddWebhookDeliveryAsync(WebhookDelivery delivery, CancellationToken ct);

    /// <summary>
    /// Clears the failed attempts (the event in flight is due at once) and, with <paramref name="toSequence"/>, moves the
    /// cursor back to it if it is further; raises the generation. False when the webhook has no state.
    /// </summary>
    Task<bool> RewindWebhookAsync(string subscriptionId, long? toSequence, CancellationToken ct);

    /// <summary>Forgets the webhook's state and pending redeliveries (the delivery log stays).</summary>
    Task RemoveWebhookStateAsync(string subscriptionId, CancellationToken ct);

    /// <summary>The delivery log, newest first, before the entry <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListWebhookDeliveriesAsync(string subscriptionId, long? beforeId, int limit, CancellationToken ct);

    /// <summary>The change-log sequence of an event the webhook has attempted; null when it never did.</summary>
    Task<long?> FindDeliveredSequenceAsync(string subscriptionId, string eventId, CancellationToken ct);

    Task RequestWebhookRedeliveryAsync(string subscriptionId, long sequence, CancellationToken ct);

    /// <summary>Sequences waiting for a manual redelivery, oldest request first.</summary>
    Task<IReadOnlyList<long>> ListWebhookRedeliveriesAsync(string subscriptionId, CancellationToken ct);

    Task RemoveWebhookRedeliveryAsync(string subscriptionId, long sequence, CancellationToken ct);

    /// <summary>The first change-log sequence that occurred at or after <paramref name="since"/>; null when none.</summary>
    Task<long?> FirstChangeSequenceSinceAsync(DateTimeOffset since, CancellationToken ct);
    // --- audit log of administrative actions ---

    /// <summary>Records one administrative action; returns its id.</summary>
    Task<long> AppendAuditAsync(AuditEntry entry, CancellationToken ct);

    /// <summary>A page of the audit log, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken ct);
}
