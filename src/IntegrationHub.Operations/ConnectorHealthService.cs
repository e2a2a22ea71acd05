using System.Collections.Concurrent;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts.Telemetry;
using IntegrationHub.Store;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Operations;

/// <summary>
/// Computes the health of every registered connector from the store and, for a connector holding a replication slot, from
/// its source (<see cref="ConnectorHealthRules"/>), and keeps the latest result for the <c>hub.sync.lag</c>,
/// <c>hub.connector.health</c> and <c>hub.replication_slot.*</c> gauges. <see cref="SubscriptionHealthService"/>
/// does the same for subscriptions.
/// </summary>
public sealed class ConnectorHealthService
{
    private static readonly ConcurrentDictionary<string, ConnectorHealth> Latest = new(StringComparer.Ordinal);

    /// <summary>How long the health waits for a source to describe its replication slot.</summary>
    private static readonly TimeSpan SlotTimeout = TimeSpan.FromSeconds(10);

    private readonly IConnectorRegistry _registry;
    private readonly Dictionary<string, ISourceConnector> _kinds;
    private readonly ConnectorContext _context;
    private readonly IRunStore _store;
    private readonly TimeProvider _clock;
    private readonly HealthOptions _options;

    static ConnectorHealthService()
    {
        HubTelemetry.Meter.CreateObservableGauge("hub.sync.lag", () => Latest.Values
            .Where(h => h.LagSeconds is not null)
            .Select(h => new System.Diagnostics.Metrics.Measurement<double>(h.LagSeconds!.Value, new KeyValuePair<string, object?>(HubTelemetry.ConnectorTag, h.Id))),
            "s", "Seconds since the connector's last successful run, as of the latest health evaluation");
        HubTelemetry.Meter.CreateObservableGauge("hub.connector.health", () => Latest.Values
            .Select(h => new System.Diagnostics.Metrics.Measurement<int>(ConnectorHealthStates.Severity(h.State), new KeyValuePair<string, object?>(HubTelemetry.ConnectorTag, h.Id))),
            null, "Connector health: 0 healthy, 1 degraded, 2 drifted, 3 stale, 4 failing");
        HubTelemetry.Meter.CreateObservableGauge("hub.replication_slot.retained", () => Latest.Values
            .Where(h => h.ReplicationSlot?.RetainedWalBytes is not null)
            .Select(h => new System.Diagnostics.Metrics.Measurement<long>(h.ReplicationSlot!.RetainedWalBytes!.Value, new KeyValuePair<string, object?>(HubTelemetry.ConnectorTag, h.Id))),
            "By", "Log a cdc connector's replication slot makes its source keep, as of the latest health evaluation");
        HubTelemetry.Meter.CreateObservableGauge("hub.replication_slot.lag", () => Latest.Values
            .Where(h => h.ReplicationSlot?.LagBytes is not null)
            .Select(h => new System.Diagnostics.Metrics.Measurement<long>(h.ReplicationSlot!.LagBytes!.Value, new KeyValuePair<string, object?>(HubTelemetry.ConnectorTag, h.Id))),
            "By", "How far a cdc connector's confirmed position is behind its source's current log position, as of the latest health evaluation");
    }

    public ConnectorHealthService(IConnectorRegistry registry, IEnumerable<ISourceConnector> kinds, ConnectorContext context, IRunStore store,
        TimeProvider clock, IOptions<HealthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
        _context = context;
        _store = store;
        _clock = clock;
        _options = options.Value;
    }

    public async Task<IReadOnlyList<ConnectorHealth>> EvaluateAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var summaries = (await _store.GetSyncSummaryAsync(ct).ConfigureAwait(false)).ToDictionary(s => s.ConnectorId, StringComparer.Ordinal);
        var result = new List<ConnectorHealth>();
        foreach (var connector in _registry.All.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var runs = await _store.ListRunsAsync(connector.Id, _options.FailingAfterRuns + 5, ct).ConfigureAwait(false);
            var slot = await SlotOfAsync(connector, ct).ConfigureAwait(false);
            var health = ConnectorHealthRules.Evaluate(connector, summaries.GetValueOrDefault(connector.Id), runs, now, _options, slot);
            Latest[connector.Id] = health;
            result.Add(health);
        }

        return result;
    }

    /// <summary>The replication slot the connector holds, as its source shows it now; disabled connectors too (their slot still keeps log).</summary>
    private async Task<ReplicationSlotState?> SlotOfAsync(ConnectorDefinition connector, CancellationToken ct)
    {
        if (_kinds.GetValueOrDefault(connector.Kind) is not IReplicationSlotOwner owner || owner.ReplicationSlotOf(connector) is not { } name)
            return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(SlotTimeout);
        try
        {
            return await owner.GetReplicationSlotAsync(connector, _context, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ReplicationSlotState { Slot = name, Source = connector.Id, Error = $"The source did not describe the slot within {SlotTimeout.TotalSeconds:0} s." };
        }
    }
}
