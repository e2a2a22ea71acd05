using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IntegrationHub.Contracts.Telemetry;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// Listens to the hub's <c>hub.stage.duration</c> histogram and sums the time batches spent in each stage. The stages
/// overlap (the next page is read while this one is normalized, sent and committed), so the sums are busy times, not
/// a split of the wall time.
/// </summary>
internal sealed class StageTimes : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, (double Seconds, long Batches)> _stages = new(StringComparer.Ordinal);

    public StageTimes()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HubTelemetry.Name && instrument.Name == HubTelemetry.StageDuration.Name)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == HubTelemetry.StageTag && tag.Value is string stage)
                    _stages.AddOrUpdate(stage, (seconds, 1), (_, sum) => (sum.Seconds + seconds, sum.Batches + 1));
            }
        });
        _listener.Start();
    }

    public void Reset() => _stages.Clear();

    /// <summary>"read 12.3 s, normalize 40.1 s, bus 3.2 s, commit 55.0 s" with the mean per batch.</summary>
    public string Describe() => string.Join(", ", new[] { "read", "normalize", "bus", "commit" }.Select(stage =>
        _stages.TryGetValue(stage, out var sum)
            ? $"{stage} {sum.Seconds:F1} s ({sum.Seconds * 1000 / Math.Max(1, sum.Batches):F0} ms/batch)"
            : $"{stage} –"));

    public void Dispose() => _listener.Dispose();
}
