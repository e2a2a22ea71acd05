using System.Data.Common;
using System.Diagnostics;
using Dapper;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Hosting;
using IntegrationHub.Pipeline.Runs;
using IntegrationHub.Samples;
using IntegrationHub.Store;
using IntegrationHub.Store.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// Syncs the two sample departments (with their cross-department duplicates and defects) end to end — source →
/// connector → normalizer → bus → store — and prints, for a first load, a second sync of the unchanged source and a sync
/// with 10% of the rows changed: records/s, busy time per stage, batch latency percentiles, peak memory and the
/// conservation check; and, in the same run, the limit of the machine for the same rows (binary COPY into a bare
/// PostgreSQL table, or prepared SQLite inserts) with the ratio pipeline / limit.
/// </summary>
internal static class PipelineBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options, string work, Dictionary<string, string?> settings)
    {
        Console.WriteLine($"mode=pipeline stack={options.Stack} cases/department={options.CasesPerDepartment} " +
                          $"{HostRuntime.Description} load={Load()}");
        var generate = Stopwatch.StartNew();
        var sources = await BenchmarkSources.CreateAsync(options, work, settings);
        SampleConnectors.Write(options.ConnectorsDirectory, Path.Combine(work, "connectors"), sources.Provider, sources.ConnectionString);
        Console.WriteLine($"generated sources in {generate.Elapsed.TotalSeconds:F1} s");

        await using var app = HubApplication.Create(settings, LogLevel.Warning);
        await app.StartAsync();
        var runner = app.Services.GetRequiredService<ConnectorRunner>();
        var registry = app.Services.GetRequiredService<IConnectorRegistry>();
        var store = app.Services.GetRequiredService<ISupervisionStore>();
        var dialect = app.Services.GetRequiredService<StoreDialect>();
        using var stages = new StageTimes();

        var first = await SyncAsync("first load", runner, registry, store, stages, dialect);
        var limit = options.Stack == "production"
            ? await StoreWriteLimit.PostgresAsync(settings["Hub:Store:ConnectionString"]!)
            : await StoreWriteLimit.SqliteAsync($"Data Source={Path.Combine(work, "data", "hub.db")}", Path.Combine(work, "limit.db"));
        var limitRate = limit.Rows / limit.Elapsed.TotalSeconds;
        Console.WriteLine($"limit: {(options.Stack == "production" ? "binary COPY" : "prepared SQLite inserts, 10,000 a transaction,")} of the same {limit.Rows:N0} normalized rows " +
                          $"into a bare table: {limit.Elapsed.TotalSeconds:F1} s = {limitRate:N0} rows/s; pipeline / limit = {first.Rate / limitRate:P0} (load {Load()})");

        // A full re-read of a source that did not change: every record arrives again and is recognised as unchanged.
        await using (var connection = await dialect.OpenAsync(CancellationToken.None))
            await connection.ExecuteAsync("UPDATE connector_state SET checkpoint = NULL");
        var unchanged = await SyncAsync("second sync, source unchanged", runner, registry, store, stages, dialect);
        Console.WriteLine($"  {unchanged.Rate / first.Rate:F1}× the first load; inserted + updated = {unchanged.Counts.Inserted + unchanged.Counts.Updated:N0}");

        foreach (var department in SampleDepartment.All)
        {
            await using var connection = sources.Open(department);
            var count = (int)(first.PulledOf(department.Id) / 10);
            await ChangeAsync(connection, department, count);
        }

        var changed = await SyncAsync("sync after 10% of the rows changed", runner, registry, store, stages, dialect);
        var conserved = first.Conserves && unchanged.Conserves && changed.Conserves;
        Console.WriteLine($"golden records: {await store.CountRecordsAsync(CancellationToken.None):N0}; conservation {(conserved ? "holds" : "BROKEN")} in every run");
        await app.StopAsync();
        await sources.DisposeAsync();
        return conserved ? 0 : 1;
    }

    private static async Task ChangeAsync(DbConnection connection, SampleDepartment department, int count)
    {
        await connection.OpenAsync();
        // Only valid penalty rows can be changed: fewer when a department has fewer.
        while (true)
        {
            try
            {
                await SampleSourceWriter.ChangeAsync(connection, department, count, seed: 11, DateTimeOffset.UtcNow.AddYears(5), CancellationToken.None);
                return;
            }
            catch (ArgumentOutOfRangeException) when (count > 1)
            {
                count = count * 9 / 10;
            }
        }
    }

    private static async Task<SyncResult> SyncAsync(string name, ConnectorRunner runner, IConnectorRegistry registry, ISupervisionStore store, StageTimes stages,
        StoreDialect dialect)
    {
        stages.Reset();
        GC.Collect();
        using var memory = new PeakMemorySampler();
        var cost = new ProcessCost();
        var watch = Stopwatch.StartNew();
        // The departments sync at once, as the scheduler starts them.
        var runs = await Task.WhenAll(registry.All.Select(async connector =>
            await runner.RunAsync(connector, "benchmark", CancellationToken.None) ?? throw new InvalidOperationException($"{connector.Id} was already running.")));
        watch.Stop();
        var ended = Stopwatch.GetTimestamp();
        var result = new SyncResult(runs, watch.Elapsed);
        var spent = cost.Describe(result.Counts.Pulled, watch.Elapsed);
        var latencies = await BatchLatencies.ReadAsync(store, runs.Select(r => r.RunId));
        var c = result.Counts;
        Console.WriteLine($"{name}: {c.Pulled:N0} records in {watch.Elapsed.TotalSeconds:F1} s = {result.Rate:N0} records/s " +
                          $"(pulled = inserted {c.Inserted:N0} + updated {c.Updated:N0} + unchanged {c.Unchanged:N0} + quarantined {c.Quarantined:N0} + deleted {c.Deleted:N0}; " +
                          $"{(result.Conserves ? "conserved" : "NOT CONSERVED")}; {string.Join(", ", runs.Select(r => $"{r.ConnectorId} {r.Status}"))})");
        Console.WriteLine($"  busy time per stage: {stages.Describe()}");
        Console.WriteLine($"  batch latency (page read → committed): p50 {latencies.P50:F0} ms, p95 {latencies.P95:F0} ms, p99 {latencies.P99:F0} ms ({latencies.Count} batches)");
        Console.WriteLine($"  peak working set {memory.PeakWorkingSetMb:N0} MiB, peak managed heap {memory.PeakManagedMb:N0} MiB " +
                          $"(GC committed {memory.PeakGcCommittedMb:N0} MiB); load {Load()}");
        Console.WriteLine($"  {spent}");
        // The next phase starts from a projection that has caught up, as this one did.
        var behind = await ProjectionLag.BehindAsync(dialect);
        await ProjectionLag.CatchUpAsync(dialect, TimeSpan.FromMinutes(30));
        var caughtUp = Stopwatch.GetElapsedTime(ended);
        Console.WriteLine($"  the assessment projection was {behind:N0} change-log entries behind when this was printed; caught up at most " +
                          $"{caughtUp.TotalSeconds:F1} s after the sync ended (looked at every 0.1 s; the projector itself looks every 2 s once caught up) " +
                          $"= {c.Pulled / (watch.Elapsed + caughtUp).TotalSeconds:N0} records/s with it");
        return result;
    }

    /// <summary>The 1-minute load average, to print beside every figure.</summary>
    internal static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
