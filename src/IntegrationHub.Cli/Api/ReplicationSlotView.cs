namespace IntegrationHub.Cli.Api;

/// <summary>A cdc connector's replication slot in <c>GET /health/connectors</c>: the log its source keeps for it, and the lag.</summary>
internal sealed record ReplicationSlotView
{
    public required string Slot { get; init; }
    public string? Source { get; init; }
    public bool Exists { get; init; }
    public bool Active { get; init; }
    public long? RetainedWalBytes { get; init; }
    public long? LagBytes { get; init; }
    public string? WalStatus { get; init; }
    public string? Error { get; init; }
}
