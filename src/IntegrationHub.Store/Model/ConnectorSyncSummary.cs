namespace IntegrationHub.Store.Model;

/// <summary>Per connector: its last run, its last successful run, and what is in quarantine.</summary>
public sealed record ConnectorSyncSummary
{
    public required string ConnectorId { get; init; }
    public SyncRun? LastRun { get; init; }
    public DateTimeOffset? LastSuccessAt { get; init; }
    public long OpenQuarantine { get; init; }
    public long SourceRecords { get; init; }

    /// <summary>The most recent change of the source's fields (kept until a newer one).</summary>
    public SourceDrift? LastDrift { get; init; }
}
