namespace IntegrationHub.Api.Contracts;

/// <summary>How one registered connector is doing: its last run, its last success and its open quarantine.</summary>
public sealed record ConnectorSyncView
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Department { get; init; }
    public required bool Enabled { get; init; }

    /// <summary>Null when the connector never ran.</summary>
    public RunView? LastRun { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }
    public required long OpenQuarantine { get; init; }
    public required long SourceRecords { get; init; }

    /// <summary>The most recent change of the source's fields (added, removed, read by the mapping but missing).</summary>
    public SourceDriftView? LastDrift { get; init; }
}
