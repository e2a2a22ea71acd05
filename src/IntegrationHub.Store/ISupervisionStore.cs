namespace IntegrationHub.Store;

/// <summary>
/// The supervision store as a whole, SQLite (embedded) and PostgreSQL with the same behaviour: every role below, plus
/// its schema and its health. A part of the hub depends on the roles it uses (<see cref="IRunStore"/>,
/// <see cref="IRecordStore"/>, <see cref="IChangeLog"/>, …), each registered on its own; only the host's wiring and the
/// store's own maintenance see the whole. Delivery cursors are <see cref="IDeliveryCursors"/>, leases <see cref="Leases.ILeases"/>,
/// the batch commit <see cref="Batches.IBatchCommitter"/>.
/// </summary>
public interface ISupervisionStore :
    IRunStore, ISourceStore, IRecordStore, IQuarantineStore, IChangeLog, IChangeLogRetention, IRegistrationStore, IApiKeyStore,
    ISubscriptionStore, IAlertStore, IWebhookDeliveryStore, IAuditStore
{
    string Provider { get; }

    Task MigrateAsync(CancellationToken ct);

    Task<bool> PingAsync(CancellationToken ct);
}
