namespace IntegrationHub.Cli.Api;

/// <summary>One connector in <c>GET /sync/summary</c>: its last run with counts, last success and quarantine.</summary>
internal sealed record SyncSummaryView
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public bool Enabled { get; init; }
    public RunView? LastRun { get; init; }
    public DateTimeOffset? LastSuccessAt { get; init; }
    public long OpenQuarantine { get; init; }
    public long SourceRecords { get; init; }
}
