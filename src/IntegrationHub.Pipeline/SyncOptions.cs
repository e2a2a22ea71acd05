using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Pipeline;

public sealed class SyncOptions
{
    /// <summary>Batches a run may have on the bus, published but not yet stored: bounds memory and broker load.</summary>
    [Range(1, 1000)]
    public int MaxBatchesInFlight { get; set; } = 8;

    /// <summary>A running run whose heartbeat is older than this belongs to a dead process and is marked interrupted.</summary>
    public TimeSpan RunHeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a run may wait for its batches to be stored before it is failed.</summary>
    public TimeSpan RunCompletionTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
