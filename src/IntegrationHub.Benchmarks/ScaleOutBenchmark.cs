using System.Diagnostics;
using System.Globalization;
using Dapper;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts;
using IntegrationHub.Host.Hosting;
using IntegrationHub.Pipeline.Storage;
using IntegrationHub.Samples;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using IntegrationHub.Store.Sql;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// The pipeline on PostgreSQL + RabbitMQ with N separate worker processes (<c>--workers N</c>), as a cluster runs it:
/// this process is the api role and asks for the runs over the bus; the workers take the connectors' leases, read,
/// normalize and commit. Prints, for a first load and a second sync of the unchanged source, records/s and batch
/// latency, and the CPU time of every process involved — each worker, PostgreSQL (postmaster and backends) and RabbitMQ
/// — so that where the time goes as workers are added is measured, not guessed.
/// </summary>
internal static class ScaleOutBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options, string work, Dictionary<string, string?> settings)
    {
        Console.WriteLine($"mode=pipeline stack=production workers={options.Workers} cases/department={options.CasesPerDepartment} " +
                          $"{HostRuntime.Description} load={PipelineBenchmark.Load()}");
        var sources = await BenchmarkSources.CreateAsync(options, work, settings);
        SampleConnectors.Write(options.ConnectorsDirectory, Path.Combine(work, "connectors"), sources.Provider, sources.ConnectionString);
        settings["Hub:KeysDirectory"] = Path.Combine(work, "keys");
        var api = new Dictionary<string, string?>(settings) { ["Hub:Roles"] = "api" };
        await using var app = HubApplication.Create(api, LogLevel.Warning);
        await app.StartAsync();
        var store = app.Services.GetRequiredService<ISupervisionStore>();
        var dialect = app.Services.GetRequiredService<StoreDialect>();
        var registry = app.Services.GetRequiredService<IConnectorRegistry>();
        var bus = app.Services.GetRequiredService<IBus>();

        var workers = Enumerable.Range(1, options.Workers).Select(n => StartWorker(settings, Path.Combine(work, $"worker-{n}"))).ToList();
        try
        {
            await WaitForWorkersAsync(settings, options.Workers, workers);
            var services = Services();
            var first = await SyncAsync("first load", bus, registry, store, workers, services);
            await using (var connection = await dialect.OpenAsync(CancellationToken.None))
                await connection.ExecuteAsync("UPDATE connector_state SET checkpoint = NULL");
            var unchanged = await SyncAsync("second sync, source unchanged", bus, registry, store, workers, services);
            foreach (var (worker, n) in workers.Select((w, i) => (w, i + 1)))
                Console.WriteLine($"worker {n}: peak resident memory {ProcessCpu.PeakResidentMb(worker.Id):N0} MiB");
            var conserved = first.Conserves && unchanged.Conserves;
            Console.WriteLine($"golden records: {await store.CountRecordsAsync(CancellationToken.None):N0}; conservation {(conserved ? "holds" : "BROKEN")} in every run");
            return conserved ? 0 : 1;
        }
        finally
        {
            foreach (var worker in workers)
                await StopAsync(worker);
            await app.StopAsync();
            await sources.DisposeAsync();
        }
    }

    private static async Task<SyncResult> SyncAsync(string name, IBus bus, IConnectorRegistry registry, ISupervisionStore store, IReadOnlyList<Process> workers,
        IReadOnlyList<(string Name, int Pid)> services)
    {
        var before = Cpu(workers, services);
        var watch = Stopwatch.StartNew();
        var asked = DateTimeOffset.UtcNow.AddSeconds(-1);
        foreach (var connector in registry.All)
            await bus.Publish(new RunConnector { ConnectorId = connector.Id, Trigger = "benchmark" });
        var runs = new List<SyncRun>();
        foreach (var connector in registry.All)
            runs.Add(await FinishedAsync(store, connector.Id, asked, workers));
        watch.Stop();
        var after = Cpu(workers, services);

        var result = new SyncResult(runs, watch.Elapsed);
        var latencies = await BatchLatencies.ReadAsync(store, runs.Select(r => r.RunId));
        var c = result.Counts;
        Console.WriteLine($"{name}: {c.Pulled:N0} records in {watch.Elapsed.TotalSeconds:F1} s = {result.Rate:N0} records/s " +
                          $"(inserted {c.Inserted:N0} + updated {c.Updated:N0} + unchanged {c.Unchanged:N0} + quarantined {c.Quarantined:N0}; " +
                          $"{(result.Conserves ? "conserved" : "NOT CONSERVED")})");
        Console.WriteLine($"  batch latency (page read → committed): p50 {latencies.P50:F0} ms, p95 {latencies.P95:F0} ms, p99 {latencies.P99:F0} ms ({latencies.Count} batches)");
        var wall = watch.Elapsed.TotalSeconds;
        Console.WriteLine("  CPU time (share of one core over the sync): " + string.Join(", ", after.Select(kv =>
            $"{kv.Key} {kv.Value - before.GetValueOrDefault(kv.Key):F1} s ({(kv.Value - before.GetValueOrDefault(kv.Key)) / wall:P0})")) + $"; load {PipelineBenchmark.Load()}");
        return result;
    }

    /// <summary>The run of the connector started since the request, once it has ended; fails if a worker died.</summary>
    private static async Task<SyncRun> FinishedAsync(ISupervisionStore store, string connectorId, DateTimeOffset asked, IReadOnlyList<Process> workers)
    {
        while (true)
        {
            var run = (await store.ListRunsAsync(connectorId, 1, CancellationToken.None)).FirstOrDefault();
            if (run is not null && run.StartedAt >= asked && run.Status != RunStatus.Running)
                return run;
            if (workers.FirstOrDefault(w => w.HasExited) is { } dead)
                throw new InvalidOperationException($"A worker process exited with code {dead.ExitCode}; see its log in the work directory.");
            await Task.Delay(200);
        }
    }

    private static Dictionary<string, double> Cpu(IReadOnlyList<Process> workers, IReadOnlyList<(string Name, int Pid)> services)
    {
        var cpu = new Dictionary<string, double>(StringComparer.Ordinal) { ["benchmark (api)"] = ProcessCpu.SecondsOf(Environment.ProcessId) };
        for (var i = 0; i < workers.Count; i++)
            cpu[$"worker {i + 1}"] = ProcessCpu.SecondsOf(workers[i].Id);
        foreach (var (name, pid) in services)
            cpu[name] = ProcessCpu.SecondsOf(pid, withChildren: true);
        return cpu;
    }

    /// <summary>PostgreSQL and RabbitMQ as started by deploy/scripts/services.sh (HUB_SERVICES_DIR), when they are.</summary>
    private static List<(string Name, int Pid)> Services()
    {
        var services = new List<(string, int)>();
        if (Environment.GetEnvironmentVariable("HUB_SERVICES_DIR") is { } dir)
        {
            if (ProcessCpu.FromPidFile(Path.Combine(dir, "postgres", "data", "postmaster.pid")) is { } postgres)
                services.Add(("PostgreSQL", postgres));
            if (ProcessCpu.FromPidFile(Path.Combine(dir, "rabbitmq", "rabbitmq.pid")) is { } rabbit)
                services.Add(("RabbitMQ", rabbit));
        }

        if (services.Count < 2)
            Console.WriteLine("  (PostgreSQL or RabbitMQ not found under HUB_SERVICES_DIR: their CPU time is not shown)");
        return services;
    }

    private static Process StartWorker(Dictionary<string, string?> settings, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Host.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Hub__Roles"] = "worker";
        start.Environment["Hub__Urls"] = "http://127.0.0.1:0";
        start.Environment["Hub__DataDirectory"] = dataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start a worker process.");
        var log = new StreamWriter(Path.Combine(dataDirectory, "worker.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Every worker has subscribed to every store partition (single active consumer: one active, the others ready).</summary>
    private static async Task WaitForWorkersAsync(Dictionary<string, string?> settings, int count, IReadOnlyList<Process> workers)
    {
        var virtualHost = settings["Hub:Bus:VirtualHost"]!;
        var partitions = int.Parse(settings.GetValueOrDefault("Hub:Bus:StorePartitions") ?? "4", CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var ready = true;
            for (var p = 0; p < partitions && ready; p++)
                ready = await RabbitVirtualHost.ConsumersAsync(virtualHost, StorePartitions.QueueName(p)) >= count;
            if (ready)
            {
                Console.WriteLine($"{count} worker process(es) consuming in {watch.Elapsed.TotalSeconds:F1} s");
                return;
            }

            if (workers.FirstOrDefault(w => w.HasExited) is { } dead)
                throw new InvalidOperationException($"A worker process exited with code {dead.ExitCode} while starting.");
            if (watch.Elapsed > TimeSpan.FromMinutes(3))
                throw new TimeoutException("The worker processes did not subscribe to the store partitions within 3 minutes.");
            await Task.Delay(500);
        }
    }

    private static async Task StopAsync(Process worker)
    {
        if (!worker.HasExited)
        {
            Process.Start("kill", ["-TERM", worker.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await worker.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                worker.Kill(entireProcessTree: true);
            }
        }

        worker.Dispose();
    }
}
