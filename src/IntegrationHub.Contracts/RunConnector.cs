namespace IntegrationHub.Contracts;

/// <summary>Command: start a sync run of a connector now (from the API, the CLI or the scheduler).</summary>
public sealed record RunConnector
{
    public required string ConnectorId { get; init; }
    public required string Trigger { get; init; }
}
