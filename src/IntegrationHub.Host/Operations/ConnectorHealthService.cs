using System.Collections.Concurrent;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts.Telemetry;
using IntegrationHub.Host.Configuration;
using IntegrationHub.Store;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Operations;

/// <summary>
/// Computes the health of every registered connector from the store (<see cref="ConnectorHealthRules"/>), and keeps the
/// latest result for the <c>hub.sync.lag</c> and <c>hub.connector.health</c> gauges. <see cref="SubscriptionHealthService"/>
/// does the same for subscriptions.
/// </summary>
public sealed class ConnectorHealthService
{
    private static readonly ConcurrentDictionary<string, ConnectorHealth> Latest = new(StringComparer.Ordinal);

    private readonly IConnectorRegistry _registry;
    private readonly ISupervisionStore _store;
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
    }

    public ConnectorHealthService(IConnectorRegistry registry, ISupervisionStore store, TimeProvider clock, IOptions<HubOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registry = registry;
        _store = store;
        _clock = clock;
        _options = options.Value.Health;
    }

    public async Task<IReadOnlyList<ConnectorHealth>> EvaluateAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var summaries = (await _store.GetSyncSummaryAsync(ct).ConfigureAwait(false)).ToDictionary(s => s.ConnectorId, StringComparer.Ordinal);
        var result = new List<ConnectorHealth>();
        foreach (var connector in _registry.All.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var runs = await _store.ListRunsAsync(connector.Id, _options.FailingAfterRuns + 5, ct).ConfigureAwait(false);
            var health = ConnectorHealthRules.Evaluate(connector, summaries.GetValueOrDefault(connector.Id), runs, now, _options);
            Latest[connector.Id] = health;
            result.Add(health);
        }

        return result;
    }
}
