using IntegrationHub.Api.Contracts;

namespace IntegrationHub.Cli.Api;

/// <summary>
/// One line of <c>hub status</c>: a connector's health (from <c>/health/connectors</c>) beside its sync numbers (from
/// <c>/sync/summary</c>, unchanged, so scripts can compare them).
/// </summary>
internal sealed record ConnectorStatus
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public bool Enabled { get; init; }
    public required string State { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset? LastSuccessAt { get; init; }
    public double? LagSeconds { get; init; }
    public double? RecordsPerMinute { get; init; }
    public long OpenQuarantine { get; init; }
    public long SourceRecords { get; init; }
    public RunView? LastRun { get; init; }

    /// <summary>The replication slot of a connector in cdc mode: the log its source keeps, and the lag.</summary>
    public ReplicationSlotView? ReplicationSlot { get; init; }
}
