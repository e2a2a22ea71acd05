namespace IntegrationHub.Cli.Api;

/// <summary>One connector in <c>GET /health/connectors</c>.</summary>
internal sealed record ConnectorHealthView
{
    public required string Id { get; init; }

    /// <summary><c>healthy</c>, <c>degraded</c>, <c>failing</c>, <c>stale</c> or <c>drifted</c>.</summary>
    public required string State { get; init; }

    public string? Reason { get; init; }
    public string? ReasonZh { get; init; }
    public double? LagSeconds { get; init; }
    public double? RecordsPerMinute { get; init; }
    public int ConsecutiveFailures { get; init; }

    /// <summary>Only for a connector in cdc mode.</summary>
    public ReplicationSlotView? ReplicationSlot { get; init; }
}
