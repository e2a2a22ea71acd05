using IntegrationHub.Connectors.Definitions;

namespace IntegrationHub.Connectors;

/// <summary>
/// A connector kind whose connectors may hold a replication slot on their source (the sql connector in <c>cdc</c> mode):
/// the source keeps its log for the slot until the hub confirms it has read it. The hub shows the slot in connector
/// health and lets the operator drop or keep it when the connector is removed or disabled.
/// </summary>
public interface IReplicationSlotOwner
{
    /// <summary>The name of the slot the connector holds by its configuration; null when it holds none (polled mode).</summary>
    string? ReplicationSlotOf(ConnectorDefinition connector);

    /// <summary>The slot as the source shows it now; null when the connector holds none. Never throws for a source problem.</summary>
    Task<ReplicationSlotState?> GetReplicationSlotAsync(ConnectorDefinition connector, ConnectorContext context, CancellationToken ct);

    /// <summary>
    /// Drops the slot (ending the source session that reads it, if any); false when it did not exist.
    /// Throws <see cref="SourceAccessException"/> when the source cannot be reached or refuses.
    /// </summary>
    Task<bool> DropReplicationSlotAsync(ConnectorDefinition connector, ConnectorContext context, CancellationToken ct);
}
