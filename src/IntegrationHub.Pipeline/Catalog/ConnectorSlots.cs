using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;

namespace IntegrationHub.Pipeline.Catalog;

/// <summary>
/// The replication slot a connector holds on its source (a sql connector in cdc mode), and dropping it when the operator
/// says so on removing or disabling the connector: a slot nobody reads keeps the source's log until its disk fills.
/// </summary>
public sealed class ConnectorSlots(ConnectorCatalog catalog, ConnectorContext context)
{
    /// <summary>The slot's name; null when the connector holds none.</summary>
    public string? SlotOf(ConnectorDefinition connector) =>
        catalog.KindOf(connector) is IReplicationSlotOwner owner ? owner.ReplicationSlotOf(connector) : null;

    /// <summary>Drops the slot (ending a run that reads it); false when it did not exist. Throws <see cref="SourceAccessException"/>.</summary>
    public Task<bool> DropAsync(ConnectorDefinition connector, CancellationToken ct) =>
        catalog.KindOf(connector) is IReplicationSlotOwner owner ? owner.DropReplicationSlotAsync(connector, context, ct) : Task.FromResult(false);
}
