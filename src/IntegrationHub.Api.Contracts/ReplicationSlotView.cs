namespace IntegrationHub.Api.Contracts;

/// <summary>
/// The replication slot a connector in cdc mode holds on its source PostgreSQL: whether it exists and is read, and how
/// much write-ahead log the source keeps for it.
/// </summary>
public sealed record ReplicationSlotView
{
    public required string Slot { get; init; }

    /// <summary>The source's address, never a credential (<c>postgres 10.1.2.3:5432/cases</c>).</summary>
    public required string Source { get; init; }

    public bool Exists { get; init; }

    /// <summary>A session (the hub's run) reads the slot now.</summary>
    public bool Active { get; init; }

    public long? RetainedWalBytes { get; init; }

    public long? LagBytes { get; init; }

    /// <summary>PostgreSQL's <c>wal_status</c>: <c>reserved</c>, <c>extended</c>, <c>unreserved</c> or <c>lost</c> (invalidated).</summary>
    public string? WalStatus { get; init; }

    /// <summary>Why the slot could not be read (the source unreachable, say); the other values are then unknown.</summary>
    public string? Error { get; init; }
}
