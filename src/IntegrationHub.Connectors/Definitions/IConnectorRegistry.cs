namespace IntegrationHub.Connectors.Definitions;

/// <summary>The connectors the hub knows.</summary>
public interface IConnectorRegistry
{
    IReadOnlyList<ConnectorDefinition> All { get; }

    ConnectorDefinition? Find(string id);
}
