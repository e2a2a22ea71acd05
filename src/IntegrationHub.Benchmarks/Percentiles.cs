using System.Diagnostics;

namespace IntegrationHub.Benchmarks;

/// <summary>Latency percentiles of changes from when each was sent to when it arrived (both <see cref="Stopwatch"/> timestamps).</summary>
internal static class Percentiles
{
    public static string Of(IReadOnlyDictionary<long, long> sent, IReadOnlyDictionary<long, long> arrived)
    {
        var latencies = Sorted(sent.Where(s => arrived.ContainsKey(s.Key)), arrived);
        if (latencies.Count == 0)
            return $"nothing arrived of {sent.Count:N0}";
        return $"p50 {At(latencies, 0.50):F0} ms, p95 {At(latencies, 0.95):F0} ms, p99 {At(latencies, 0.99):F0} ms, max {latencies[^1]:F0} ms " +
               $"({latencies.Count:N0} of {sent.Count:N0} arrived)";
    }

    /// <summary>
    /// The median and the longest latency of the changes sent in each <paramref name="window"/> of the run, in the order
    /// they were sent: whether the hub falls further behind (rising), catches up from a start (falling) or keeps pace.
    /// </summary>
    public static string Timeline(IReadOnlyDictionary<long, long> sent, IReadOnlyDictionary<long, long> arrived, TimeSpan window)
    {
        if (sent.Count == 0)
            return "";
        var first = sent.Values.Min();
        var windows = sent.Where(s => arrived.ContainsKey(s.Key))
            .GroupBy(s => (int)(Stopwatch.GetElapsedTime(first, s.Value) / window))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var latencies = Sorted(g, arrived);
                return $"{(g.Key * window).TotalSeconds:F0}s {At(latencies, 0.50):F0}/{latencies[^1]:F0}";
            });
        return string.Join(", ", windows);
    }

    /// <summary>The latencies of the arrived changes in milliseconds, shortest first.</summary>
    private static List<double> Sorted(IEnumerable<KeyValuePair<long, long>> sent, IReadOnlyDictionary<long, long> arrived) =>
        sent.Select(s => Stopwatch.GetElapsedTime(s.Value, arrived[s.Key]).TotalMilliseconds).Order().ToList();

    private static double At(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
