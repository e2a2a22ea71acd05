namespace IntegrationHub.Connectors.Definitions;

/// <summary>A connector definition that cannot be loaded, naming its origin (file) and the setting.</summary>
public sealed class ConnectorDefinitionException(string origin, string setting, string problem)
    : Exception($"{origin}: {setting} {problem}")
{
    public string Origin { get; } = origin;

    public string Setting { get; } = setting;

    public string Problem { get; } = problem;
}
