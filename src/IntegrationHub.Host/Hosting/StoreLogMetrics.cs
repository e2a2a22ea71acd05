using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using IntegrationHub.Contracts.Telemetry;
using IntegrationHub.Store.Sql;

namespace IntegrationHub.Host.Hosting;

/// <summary>
/// The embedded store's write-ahead log in the hub's metrics: its size, and what the checkpoints did with it. A log that
/// keeps growing means a reader that stays in it (an export, say) and keeps it from starting over
/// (docs/architecture.md, the checkpoints). One set of instruments for the process; each store it opened is measured
/// while the store lives (until it is collected: a test process that opens many reports each to every listener).
/// </summary>
public static class StoreLogMetrics
{
    /// <summary>The tag naming the store's database file.</summary>
    public const string FileTag = "hub.store.file";

    /// <summary>The tag of a checkpoint's or a restart's outcome.</summary>
    public const string OutcomeTag = "hub.store.outcome";

    private static readonly ConditionalWeakTable<SqliteDialect, object?> Stores = [];

    static StoreLogMetrics()
    {
        HubTelemetry.Meter.CreateObservableGauge("hub.store.log.size", () => Each(log => [new(log.LogBytes, File(log))]),
            "By", "Size of the embedded store's write-ahead log file");
        HubTelemetry.Meter.CreateObservableCounter("hub.store.checkpoints", () => Each(log =>
            [new(log.Checkpoints, File(log), Outcome("completed")), new(log.FailedCheckpoints, File(log), Outcome("failed"))]),
            "{checkpoint}", "Checkpoints of the embedded store's write-ahead log, by outcome");
        HubTelemetry.Meter.CreateObservableCounter("hub.store.log.restarts", () => Each(log =>
            [new(log.RestartsStartedOver, File(log), Outcome("started_over")), new(log.RestartsOutstayed, File(log), Outcome("outstayed"))]),
            "{restart}", "Restarts of a long write-ahead log under the writers' turn: started over, or outstayed by a reader");
    }

    /// <summary>Measures the store from now on, as long as it lives.</summary>
    public static void Observe(SqliteDialect store) => Stores.AddOrUpdate(store, null);

    private static IEnumerable<Measurement<long>> Each(Func<SqliteLogStatus, Measurement<long>[]> measure) =>
        Stores.Select(store => store.Key.LogStatus).SelectMany(measure);

    private static KeyValuePair<string, object?> File(SqliteLogStatus log) => new(FileTag, log.File);

    private static KeyValuePair<string, object?> Outcome(string outcome) => new(OutcomeTag, outcome);
}
