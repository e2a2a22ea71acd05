namespace IntegrationHub.Contracts;

/// <summary>Command: start a sync run of a connector now (from the API, the CLI or the scheduler).</summary>
public sealed record RunConnector
{
    public required string ConnectorId { get; init; }
    public required string Trigger { get; init; }

    /// <summary>
    /// Re-normalize what the store holds instead of reading the source: every stored raw payload of the connector goes
    /// through its current mapping again (after a mapping change), as a run of its own that moves no checkpoint.
    /// </summary>
    public bool Backfill { get; init; }
}
