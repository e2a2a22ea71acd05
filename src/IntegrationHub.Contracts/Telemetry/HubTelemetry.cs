using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IntegrationHub.Contracts.Telemetry;

/// <summary>
/// The hub's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <see cref="Name"/>. Every stage
/// a batch passes (page read, normalize, store, feed delivery) starts its span here, so one trace follows the batch;
/// the instruments are created once, here, and tagged by connector (or subscription) only — never by record.
/// docs/operations.md lists every span and metric.
/// </summary>
public static class HubTelemetry
{
    public const string Name = "IntegrationHub";

    /// <summary>The tag that names the connector on spans and metrics.</summary>
    public const string ConnectorTag = "hub.connector";

    /// <summary>The tag that names the subscription on feed spans and metrics.</summary>
    public const string SubscriptionTag = "hub.subscription";

    /// <summary>The subscriber channel of a delivery or backlog: <c>webhook</c>, <c>amqp</c> or <c>pull</c>.</summary>
    public const string ChannelTag = "hub.feed.channel";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>Source records of committed batches (redeliveries not counted twice).</summary>
    public static Counter<long> RecordsPulled { get; } = Meter.CreateCounter<long>("hub.records.pulled", "{record}", "Source records read and committed, per connector");

    public static Counter<long> RecordsQuarantined { get; } = Meter.CreateCounter<long>("hub.records.quarantined", "{record}", "Source records that went to quarantine, per connector");

    /// <summary>Inserted, updated, unchanged or deleted: every pulled record that did not go to quarantine.</summary>
    public static Counter<long> RecordsStored { get; } = Meter.CreateCounter<long>("hub.records.stored", "{record}", "Source records stored (inserted, updated, unchanged or deleted), per connector");

    /// <summary>Of the stored records, those counted unchanged without being normalized: the store held their very input.</summary>
    public static Counter<long> RecordsNotNormalized { get; } = Meter.CreateCounter<long>("hub.records.not_normalized", "{record}",
        "Stored records counted unchanged without being normalized again (same raw record, mapping and normalizer), per connector");

    public static Histogram<double> RunDuration { get; } = Meter.CreateHistogram<double>("hub.run.duration", "s", "Duration of a connector run from start to its last stored batch, per connector and status");

    /// <summary>The stage of a batch a <see cref="StageDuration"/> measures: <c>read</c>, <c>normalize</c>, <c>bus</c>, <c>commit</c>.</summary>
    public const string StageTag = "hub.stage";

    /// <summary>
    /// Time a batch spends in each stage: reading its page from the source, normalizing it, on the bus (from sending to
    /// the start of its commit, including the wait behind earlier batches) and committing it.
    /// </summary>
    public static Histogram<double> StageDuration { get; } = Meter.CreateHistogram<double>("hub.stage.duration", "s", "Time a batch spends in each pipeline stage, per connector and stage");

    public static Histogram<double> BatchLatency { get; } = Meter.CreateHistogram<double>("hub.batch.latency", "s", "Time from reading a page at the source to committing its batch, per connector");

    /// <summary>Webhook delivery attempts, per subscription, channel and outcome.</summary>
    public static Counter<long> FeedDelivered { get; } = Meter.CreateCounter<long>("hub.feed.delivered", "{event}", "Change events delivered to subscribers, per subscription and outcome");

    /// <summary>From a change's commit to the subscriber's 2xx.</summary>
    public static Histogram<double> FeedDeliveryLatency { get; } = Meter.CreateHistogram<double>("hub.feed.delivery.latency", "s", "Time from a change's commit to its delivery, per subscription");

    /// <summary>
    /// Starts the span of one feed delivery, inside the trace of the batch that made the change when the change log kept
    /// that context (<see cref="ParentOf"/>), or as a root otherwise.
    /// </summary>
    public static Activity? StartFeedDelivery(string subscriptionId, ActivityContext parent = default)
    {
        var activity = Source.StartActivity("feed.deliver", ActivityKind.Producer, parent);
        activity?.SetTag(SubscriptionTag, subscriptionId);
        return activity;
    }

    /// <summary>The span context of a W3C traceparent kept with a change (default, i.e. a new root, when absent or malformed).</summary>
    public static ActivityContext ParentOf(string? traceParent) =>
        ActivityContext.TryParse(traceParent, null, out var context) ? context : default;

    /// <summary>Starts a span of a pipeline stage for a batch of the connector.</summary>
    public static Activity? StartStage(string name, string connectorId, int records, ActivityKind kind = ActivityKind.Internal)
    {
        var activity = Source.StartActivity(name, kind);
        activity?.SetTag(ConnectorTag, connectorId);
        activity?.SetTag("hub.batch.records", records);
        return activity;
    }
}
