namespace IntegrationHub.Connectors;

/// <summary>A connector configuration that cannot work, naming the connector, the setting and the rule.</summary>
public sealed class ConnectorConfigurationException(string connectorId, string setting, string problem)
    : Exception($"Connector '{connectorId}': {setting} {problem}")
{
    public string ConnectorId { get; } = connectorId;

    public string Setting { get; } = setting;
}
