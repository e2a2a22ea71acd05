using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Pipeline;

public sealed class SyncOptions
{
    /// <summary>
    /// Batches a run may have on the bus, published but not yet stored: bounds memory and broker load, and is most of a
    /// batch's latency (a batch waits behind the others in flight). Four keep the store writer busy on both stacks; eight
    /// gave the same records/s with about twice the latency (docs/benchmarks.md).
    /// </summary>
    [Range(1, 1000)]
    public int MaxBatchesInFlight { get; set; } = 4;

    /// <summary>
    /// Count a record read again with the very input its stored content was computed from (normalizer revision, mapping,
    /// raw record) as unchanged without normalizing it; the store writer checks each such claim in its transaction. Off:
    /// every record of every run is normalized again (what an operator may want once after doubting a stored result).
    /// </summary>
    public bool SkipUnchangedInputs { get; set; } = true;

    /// <summary>A running run whose heartbeat is older than this belongs to a dead process and is marked interrupted.</summary>
    public TimeSpan RunHeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a run may wait for its batches to be stored before it is failed.</summary>
    public TimeSpan RunCompletionTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
