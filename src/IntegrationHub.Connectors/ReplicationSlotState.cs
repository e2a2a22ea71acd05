namespace IntegrationHub.Connectors;

/// <summary>
/// A replication slot as its source shows it: whether it exists and is read right now, how much log the source keeps
/// for it (<see cref="RetainedWalBytes"/>, from the slot's restart position to the source's current position) and how
/// far the hub's confirmed position is behind the source (<see cref="LagBytes"/>).
/// </summary>
public sealed record ReplicationSlotState
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
