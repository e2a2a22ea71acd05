using IntegrationHub.Connectors;
using IntegrationHub.Store;

namespace IntegrationHub.Pipeline.Catalog;

/// <summary>The store's checkpoints as connectors see them (<see cref="ConnectorContext.Checkpoints"/>).</summary>
public sealed class StoredCheckpoints(IRunStore store) : IStoredCheckpoints
{
    public Task<string?> GetAsync(string connectorId, CancellationToken ct) => store.GetCheckpointAsync(connectorId, ct);
}
