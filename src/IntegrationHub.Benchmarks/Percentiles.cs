using System.Diagnostics;

namespace IntegrationHub.Benchmarks;

/// <summary>Latency percentiles of changes from when each was sent to when it arrived (both <see cref="Stopwatch"/> timestamps).</summary>
internal static class Percentiles
{
    public static string Of(IReadOnlyDictionary<long, long> sent, IReadOnlyDictionary<long, long> arrived)
    {
        var latencies = sent.Where(s => arrived.ContainsKey(s.Key))
            .Select(s => Stopwatch.GetElapsedTime(s.Value, arrived[s.Key]).TotalMilliseconds)
            .Order().ToList();
        if (latencies.Count == 0)
            return $"nothing arrived of {sent.Count:N0}";
        return $"p50 {At(latencies, 0.50):F0} ms, p95 {At(latencies, 0.95):F0} ms, p99 {At(latencies, 0.99):F0} ms, max {latencies[^1]:F0} ms " +
               $"({latencies.Count:N0} of {sent.Count:N0} arrived)";
    }

    private static double At(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
