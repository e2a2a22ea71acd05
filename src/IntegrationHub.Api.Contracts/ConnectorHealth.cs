namespace IntegrationHub.Api.Contracts;

/// <summary>How one connector is doing, in the operators' terms: a state, why, and the numbers behind it.</summary>
public sealed record ConnectorHealth
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Department { get; init; }
    public required bool Enabled { get; init; }

    /// <summary><c>healthy</c>, <c>degraded</c>, <c>failing</c>, <c>stale</c> or <c>drifted</c>.</summary>
    public required string State { get; init; }

    /// <summary>Why the connector is in its state, in English.</summary>
    public required string Reason { get; init; }

    /// <summary>The same, in Chinese.</summary>
    public required string ReasonZh { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>Seconds since the last successful run; null before the first.</summary>
    public double? LagSeconds { get; init; }

    /// <summary>Records pulled per minute by the latest successful run; null before the first.</summary>
    public double? RecordsPerMinute { get; init; }

    /// <summary>Open quarantine entries of the connector.</summary>
    public required long QuarantineCount { get; init; }

    /// <summary>Failed runs in a row, newest first (interrupted runs are skipped).</summary>
    public required int ConsecutiveFailures { get; init; }

    /// <summary>Status of the latest finished run; null before the first.</summary>
    public string? LastRunStatus { get; init; }

    /// <summary>The replication slot a connector in cdc mode holds on its source, with the log kept for it; null for other connectors.</summary>
    public ReplicationSlotView? ReplicationSlot { get; init; }
}
