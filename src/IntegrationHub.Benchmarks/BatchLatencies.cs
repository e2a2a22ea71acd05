using IntegrationHub.Store;

namespace IntegrationHub.Benchmarks;

/// <summary>Percentiles of the time from reading a page to committing its batch.</summary>
internal sealed record BatchLatencies(int Count, double P50, double P95, double P99)
{
    public static async Task<BatchLatencies> ReadAsync(IRunStore store, IEnumerable<Guid> runIds)
    {
        var all = new List<double>();
        foreach (var runId in runIds)
            all.AddRange((await store.GetBatchLatenciesAsync(runId, CancellationToken.None)).Select(t => t.TotalMilliseconds));
        all.Sort();
        return new BatchLatencies(all.Count, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
