using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Operations;

/// <summary>The <c>Hub:Health</c> section: when a connector counts as degraded, failing, stale or drifted, and when a replication slot alerts (docs/operations.md).</summary>
public sealed class HealthOptions
{
    /// <summary>This many failed runs in a row make a connector failing; fewer (after a success) make it degraded. Default 3.</summary>
    [Range(1, 100)]
    public int FailingAfterRuns { get; set; } = 3;

    /// <summary>A scheduled connector with no successful run for this many schedule intervals is stale. Default 3.</summary>
    [Range(1.0, 1000.0)]
    public double StaleAfterIntervals { get; set; } = 3;

    /// <summary>How long a change of a source's fields keeps its connector drifted (unless something worse applies). Default 1 day.</summary>
    public TimeSpan DriftAttention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The share of the latest run's records that went to quarantine from which the connector is degraded. Default 0.2.</summary>
    [Range(0.0, 1.0)]
    public double QuarantineSpikeShare { get; set; } = 0.2;

    /// <summary>A quarantine spike counts only in a run that pulled at least this many records. Default 20.</summary>
    [Range(1, int.MaxValue)]
    public int QuarantineSpikeMinimumRecords { get; set; } = 20;

    /// <summary>A subscription is lagging when an event in its scope has waited this long on one of its channels. Default 15 min.</summary>
    public TimeSpan SubscriptionLagAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A connector's replication slot that makes its source keep this much log (from the slot's restart position to the
    /// source's current one) makes the connector stale, and alerts. Default 1 GiB.
    /// </summary>
    [Range(1L, long.MaxValue)]
    public long SlotRetainedWalBytes { get; set; } = 1L << 30;

    /// <summary>A replication slot whose confirmed position is this far behind the source's current one makes the connector stale. Default 512 MiB.</summary>
    [Range(1L, long.MaxValue)]
    public long SlotLagBytes { get; set; } = 512L << 20;

    /// <summary>How often the health monitor evaluates every connector and raises alerts on changes. Default 30 s.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(30);
}
