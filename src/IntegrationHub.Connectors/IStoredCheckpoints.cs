namespace IntegrationHub.Connectors;

/// <summary>
/// The checkpoint the store holds for a connector: everything read up to it is committed (stored or quarantined) — the
/// store moves it in the same transaction as the records it covers.
/// </summary>
public interface IStoredCheckpoints
{
    Task<string?> GetAsync(string connectorId, CancellationToken ct);
}
