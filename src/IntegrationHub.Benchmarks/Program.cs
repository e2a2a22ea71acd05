using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Benchmarks;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Hosting;
using IntegrationHub.Pipeline.Runs;
using IntegrationHub.Samples;
using IntegrationHub.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

// Syncs generated department records end to end — source → connector → bus → normalizer → store — and prints
// records/s, batch latency, peak memory and the conservation check. A program, not a test: figures go to docs/benchmarks.md.
var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

var work = Directory.CreateTempSubdirectory("hub-bench-").FullName;
var settings = new Dictionary<string, string?>
{
    ["Hub:Urls"] = "http://127.0.0.1:0",
    ["Hub:DataDirectory"] = Path.Combine(work, "data"),
    ["Hub:ConnectorsDirectory"] = Path.Combine(work, "connectors"),
    ["Hub:Samples"] = "false",
};

if (options.Mode == "files")
{
    Console.WriteLine($"mode=files cores={Environment.ProcessorCount} os={System.Runtime.InteropServices.RuntimeInformation.OSDescription} runtime={Environment.Version}");
    return await FileReadBenchmark.RunAsync(options, work);
}

if (options.Mode == "indicators")
{
    Console.WriteLine($"mode=indicators stack={options.Stack} records={options.Records} cores={Environment.ProcessorCount} " +
                      $"os={System.Runtime.InteropServices.RuntimeInformation.OSDescription} runtime={Environment.Version}");
    return await IndicatorBenchmark.RunAsync(options, work, settings);
}

Console.WriteLine($"stack={options.Stack} cases/department={options.CasesPerDepartment} cores={Environment.ProcessorCount} " +
                  $"os={System.Runtime.InteropServices.RuntimeInformation.OSDescription} runtime={Environment.Version}");
var generate = Stopwatch.StartNew();
string provider;
Func<SampleDepartment, string> sourceConnection;
if (options.Stack == "production")
{
    var sourceDb = await BenchmarkDatabases.CreateAsync(options.Postgres!, "bench_source");
    var storeDb = await BenchmarkDatabases.CreateAsync(options.Postgres!, "bench_store");
    await using (var connection = new NpgsqlConnection(sourceDb))
    {
        await connection.OpenAsync();
        foreach (var department in SampleDepartment.All)
            await SampleSourceWriter.CreateAsync(connection, department, CancellationToken.None);
        foreach (var chunk in new SampleGenerator(options.Seed).Generate(options.CasesPerDepartment).Chunk(10_000))
        {
            foreach (var group in chunk.GroupBy(r => r.Department))
                await SampleSourceWriter.InsertAsync(connection, group.Key, group.Select(g => g.Row), CancellationToken.None);
        }
    }

    provider = "postgres";
    sourceConnection = _ => sourceDb;
    settings["Hub:Store:Provider"] = "postgres";
    settings["Hub:Store:ConnectionString"] = storeDb;
    settings["Hub:Bus:Transport"] = "rabbitmq";
    settings["Hub:Bus:Host"] = options.RabbitHost;
    settings["Hub:Bus:Port"] = options.RabbitPort.ToString(CultureInfo.InvariantCulture);
    settings["Hub:Bus:VirtualHost"] = options.RabbitVirtualHost;
}
else
{
    await SampleDatabases.EnsureSqliteAsync(Path.Combine(work, "sources"), options.CasesPerDepartment, options.Seed, CancellationToken.None);
    provider = "sqlite";
    sourceConnection = department => $"Data Source={Path.Combine(work, "sources", department.Id + ".db")}";
}

SampleConnectors.Write(options.ConnectorsDirectory, Path.Combine(work, "connectors"), provider, sourceConnection);
Console.WriteLine($"generated sources in {generate.Elapsed.TotalSeconds:F1} s");

await using var app = HubApplication.Create(settings, LogLevel.Warning);
await app.StartAsync();
var runner = app.Services.GetRequiredService<ConnectorRunner>();
var registry = app.Services.GetRequiredService<IConnectorRegistry>();
var store = app.Services.GetRequiredService<ISupervisionStore>();

var memory = new PeakMemorySampler();
var total = Stopwatch.StartNew();
long pulled = 0, stored = 0;
var runIds = new List<Guid>();
var conserved = true;
foreach (var connector in registry.All)
{
    var watch = Stopwatch.StartNew();
    var run = await runner.RunAsync(connector, "benchmark", CancellationToken.None)
        ?? throw new InvalidOperationException($"{connector.Id} was already running.");
    runIds.Add(run.RunId);
    var c = run.Counts;
    pulled += c.Pulled;
    stored += c.Inserted + c.Updated + c.Unchanged;
    conserved &= c.Conserves;
    Console.WriteLine($"{connector.Id,-22} {run.Status,-10} pulled {c.Pulled,9:N0} = inserted {c.Inserted:N0} + updated {c.Updated:N0} + unchanged {c.Unchanged:N0} + quarantined {c.Quarantined:N0}" +
                      $"  {c.Pulled / watch.Elapsed.TotalSeconds,9:N0} records/s");
}

total.Stop();
var latencies = await BatchLatencies.ReadAsync(store, runIds);
Console.WriteLine($"total: {pulled:N0} records in {total.Elapsed.TotalSeconds:F1} s = {pulled / total.Elapsed.TotalSeconds:N0} records/s");
Console.WriteLine($"batch latency (page read → committed): p50 {latencies.P50:F1} ms, p95 {latencies.P95:F1} ms, p99 {latencies.P99:F1} ms ({latencies.Count} batches)");
Console.WriteLine($"peak working set: {memory.PeakWorkingSetMb:N0} MiB, peak managed heap: {memory.PeakManagedMb:N0} MiB");
Console.WriteLine($"golden records: {await store.CountRecordsAsync(CancellationToken.None):N0}; conservation {(conserved ? "holds" : "BROKEN")}");
memory.Dispose();
await app.StopAsync();
return conserved ? 0 : 1;
