using IntegrationHub.Connectors;
using IntegrationHub.Store;

namespace IntegrationHub.Host.Connectors;

/// <summary>The store's checkpoints as connectors see them (<see cref="ConnectorContext.Checkpoints"/>).</summary>
internal sealed class StoredCheckpoints(IRunStore store) : IStoredCheckpoints
{
    public Task<string?> GetAsync(string connectorId, CancellationToken ct) => store.GetCheckpointAsync(connectorId, ct);
}
