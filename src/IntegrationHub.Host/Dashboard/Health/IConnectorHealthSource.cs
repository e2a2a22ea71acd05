namespace IntegrationHub.Host.Dashboard.Health;

/// <summary>
/// Where the dashboard's health column comes from: connector id → health. The default derives it from the sync
/// summary (<see cref="SyncSummaryHealthSource"/>); a fuller health model replaces it by registering its own.
/// </summary>
public interface IConnectorHealthSource
{
    Task<IReadOnlyDictionary<string, ConnectorHealth>> GetAsync(CancellationToken ct);
}
