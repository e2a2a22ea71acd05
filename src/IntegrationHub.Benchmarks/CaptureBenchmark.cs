using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Feeds;
using IntegrationHub.Host.Hosting;
using IntegrationHub.Store;
using IntegrationHub.Store.Sql;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// Change data capture from PostgreSQL (the sql connector in cdc mode), end to end through the hub: the initial snapshot
/// of a large table; the latency from a source change to a subscriber — a webhook received and a pull-feed long-poll
/// answered — under a steady rate of changes, one per source transaction; and how fast the stream stores a burst of
/// changes written faster than it reads, in small transactions and in one large one. Prints the machine's load and
/// busiest processes beside the figures.
/// </summary>
internal static class CaptureBenchmark
{
    public static async Task<int> RunAsync(BenchmarkOptions options, string work, Dictionary<string, string?> settings)
    {
        Console.WriteLine($"mode=cdc stack={options.Stack} rows={options.Records:N0} rate={options.ChangesPerSecond:N0}/s for {options.ChangeSeconds} s backlog={options.BacklogChanges:N0} " +
                          $"{HostRuntime.Description}");
        Console.WriteLine($"  machine before: {MachineActivity.Describe()}");
        var generate = Stopwatch.StartNew();
        var source = await CaptureSourceDatabase.CreateAsync(options.Postgres!, options.Records, options.Seed);
        Console.WriteLine($"generated the source table ({options.Records:N0} rows, {source.ValidKeys.Count:N0} valid) in {generate.Elapsed.TotalSeconds:F0} s");
        if (options.BacklogChanges > source.ValidKeys.Count)
        {
            // A burst changes each valid row at most once and waits until that many rows hold its marker: more changes than
            // valid rows would wait forever (quarantined rows never show the marker).
            await source.DropAsync();
            await Console.Error.WriteLineAsync(
                $"--backlog {options.BacklogChanges:N0} is more than the table's {source.ValidKeys.Count:N0} valid rows; give at most that many, or more --records.");
            return 2;
        }

        source.WriteConnector(options.ConnectorsDirectory, Path.Combine(work, "connectors"));
        settings["Hub:Webhooks:AllowHttp"] = "true";
        settings["Hub:Webhooks:AllowedRanges:0"] = "127.0.0.0/8";
        Func<Task>? cleanup = null;
        if (options.Stack == "production")
            cleanup = await BenchmarkSources.UseProductionStackAsync(options, settings, await BenchmarkDatabases.CreateAsync(options.Postgres!, "bench_store"));

        try
        {
            // One hub for every phase: MassTransit keeps process-wide logging state, so a second hub in this process fails.
            var app = HubApplication.Create(settings, LogLevel.Warning);
            try
            {
                await SnapshotAsync(app, options.Records);
                await LatencyAsync(app, source, options, Path.Combine(work, "data", "admin.key"));
                // Ten-digit markers, which the latency phase's never reach: a row holds the burst's change once its raw row matches.
                await BurstAsync(app, "burst of one change per source transaction", options.BacklogChanges, "%#8_________#%",
                    () => source.ChangeInSmallTransactionsAsync(options.BacklogChanges, 8_000_000_000));
                await BurstAsync(app, "one source transaction changing that many rows", options.BacklogChanges, "%#9000000000#%",
                    () => source.ChangeInOneTransactionAsync(options.BacklogChanges, 9_000_000_000));
                Console.WriteLine($"  source slot at the end: {await source.SlotAsync()}");
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }

            return 0;
        }
        finally
        {
            await source.DropAsync();
            if (cleanup is not null)
                await cleanup();
        }
    }

    /// <summary>Markers of the warm-up's changes, apart from the measured ones (from 1) and the bursts' (8e9, 9e9).</summary>
    private const long WarmupMarkers = 7_000_000_000;

    /// <summary>The first run's snapshot: from the hub's start until the stored checkpoint says the snapshot is complete.</summary>
    private static async Task SnapshotAsync(WebApplication app, int rows)
    {
        GC.Collect();
        using var memory = new PeakMemorySampler();
        var watch = Stopwatch.StartNew();
        await app.StartAsync();
        var store = app.Services.GetRequiredService<ISupervisionStore>();
        while (!SnapshotComplete(await store.GetCheckpointAsync(CaptureSourceDatabase.ConnectorId, CancellationToken.None)))
            await Task.Delay(200);
        watch.Stop();
        var stored = await CountAsync(app, "SELECT COUNT(*) FROM source_records WHERE connector_id = @Connector");
        var quarantined = await CountAsync(app, "SELECT COUNT(*) FROM quarantine WHERE connector_id = @Connector");
        Console.WriteLine($"snapshot: {rows:N0} rows in {watch.Elapsed.TotalSeconds:F1} s = {rows / watch.Elapsed.TotalSeconds:N0} rows/s " +
                          $"(stored {stored:N0} + quarantined {quarantined:N0}); peak working set {memory.PeakWorkingSetMb:N0} MiB, " +
                          $"peak managed heap {memory.PeakManagedMb:N0} MiB; load {PipelineBenchmark.Load()}");
        Console.WriteLine($"  machine: {MachineActivity.Describe()}");
    }

    private static bool SnapshotComplete(string? checkpoint) =>
        checkpoint is not null && JsonNode.Parse(checkpoint)?["cdc"] is JsonObject cdc && cdc["snapshot"] is null;

    /// <summary>A steady rate of changes, each its own source transaction, timed to a webhook and to a long-polling feed reader.</summary>
    private static async Task LatencyAsync(WebApplication app, CaptureSourceDatabase source, BenchmarkOptions options, string adminKeyFile)
    {
        var key = (await File.ReadAllTextAsync(adminKeyFile)).Trim();
        using var client = new HttpClient { BaseAddress = app.Address() };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        await using var arrivals = await ChangeArrivals.StartReceiverAsync();
        (await client.PostAsJsonAsync("/api/v1/subscriptions",
            new JsonObject { ["id"] = "bench", ["name"] = "benchmark subscriber", ["kind"] = "records", ["scope"] = new JsonObject() })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("/api/v1/subscriptions/bench/webhook", new JsonObject { ["url"] = arrivals.WebhookUrl.ToString(), ["maxEventsPerRequest"] = options.WebhookEvents })).EnsureSuccessStatusCode();
        var store = app.Services.GetRequiredService<ISupervisionStore>();
        arrivals.StartFeed(app.Address(), key, FeedCursor.Encode(await store.LastChangeSequenceAsync(CancellationToken.None)));
        await Task.Delay(TimeSpan.FromSeconds(2));
        if (options.WarmupSeconds > 0)
        {
            // The change path's code is first run now (the snapshot only inserted): a steady state is measured after it
            // has run, and been compiled by the runtime's tiers, for a while.
            var warming = Stopwatch.StartNew();
            // Other rows than the measured changes take (their writers' seeds are Seed + writer).
            var warm = await source.ChangeSteadilyAsync(options.ChangesPerSecond, TimeSpan.FromSeconds(options.WarmupSeconds), WarmupMarkers, options.Seed + 1000);
            var delivered = await arrivals.WaitForAsync(warm.Keys, TimeSpan.FromSeconds(120));
            Console.WriteLine($"warm-up, not measured: {warm.Count:N0} changes at {options.ChangesPerSecond:N0}/s, webhook {Percentiles.Of(warm, arrivals.Webhook)}; " +
                              (delivered ? $"all delivered {warming.Elapsed.TotalSeconds:F1} s after the first" : "NOT all delivered within 120 s of the last"));
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var projectorBehind = await ProjectionLag.BehindAsync(app.Services.GetRequiredService<StoreDialect>());
        using var memory = new PeakMemorySampler();
        var cost = new ProcessCost();
        using var timeline = ProcessTimeline.Start();
        var changing = Stopwatch.StartNew();
        var sent = await source.ChangeSteadilyAsync(options.ChangesPerSecond, TimeSpan.FromSeconds(options.ChangeSeconds), firstMarker: 1, options.Seed);
        var during = MachineActivity.Describe();
        await arrivals.WaitForAsync(sent.Keys, TimeSpan.FromSeconds(60));
        var spent = cost.Describe(sent.Count, changing.Elapsed);
        Console.WriteLine($"latency at {options.ChangesPerSecond:N0} changes/s for {options.ChangeSeconds} s ({sent.Count:N0} changes, one per source transaction), " +
                          "from the source statement sent to:");
        Console.WriteLine($"  webhook received:         {Percentiles.Of(sent, arrivals.Webhook)} " +
                          (options.WebhookEvents > 1 ? $"(batches of up to {options.WebhookEvents} events a request)" : "(one event a request)"));
        Console.WriteLine($"  pull feed long-poll back: {Percentiles.Of(sent, arrivals.Feed)}");
        var window = TimeSpan.FromSeconds(Math.Max(1, options.ChangeSeconds / 10));
        Console.WriteLine($"  over the run, by when the change was sent (p50/max ms): webhook {Percentiles.Timeline(sent, arrivals.Webhook, window)}");
        Console.WriteLine($"                                                          pull feed {Percentiles.Timeline(sent, arrivals.Feed, window)}");
        Console.WriteLine($"  the process (% of one core) and the machine in the same windows: {timeline.Describe(window)}");
        Console.WriteLine($"  peak working set {memory.PeakWorkingSetMb:N0} MiB; load {PipelineBenchmark.Load()}; source slot {await source.SlotAsync()}");
        Console.WriteLine($"  machine while changing: {during}");
        Console.WriteLine($"  from the first change sent until the last arrived (or the wait gave up), this process (the hub, the source writers, both receivers): {spent}");
        Console.WriteLine($"  the assessment projector was {projectorBehind:N0} change-log entries behind when the changes began, {await ProjectionLag.BehindAsync(app.Services.GetRequiredService<StoreDialect>()):N0} at the end");
        (await client.DeleteAsync("/api/v1/subscriptions/bench/webhook")).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Changes written at the source faster than the hub reads them (a burst), and the time from the first of them stored
    /// to the last: the stream's throughput.
    /// </summary>
    private static async Task BurstAsync(WebApplication app, string name, int changes, string storedPattern, Func<Task> change)
    {
        const string Stored = "SELECT COUNT(*) FROM source_records WHERE connector_id = @Connector AND raw LIKE @Pattern";
        var start = Stopwatch.StartNew();
        var writing = change();
        TimeSpan? first = null;
        long now;
        while ((now = await CountAsync(app, Stored, storedPattern)) < changes)
        {
            if (now > 0)
                first ??= start.Elapsed;
            if (start.Elapsed > TimeSpan.FromMinutes(30))
                throw new TimeoutException($"{name}: {now:N0} of {changes:N0} changes stored in 30 minutes.");
            await Task.Delay(100);
        }

        await writing;
        var drain = start.Elapsed - (first ?? TimeSpan.Zero);
        Console.WriteLine($"{name}: {changes:N0} changes stored {drain.TotalSeconds:F1} s from the first to the last = {changes / drain.TotalSeconds:N0} changes/s " +
                          $"({start.Elapsed.TotalSeconds:F1} s from the first write); load {PipelineBenchmark.Load()}");
    }

    private static async Task<long> CountAsync(WebApplication app, string sql, string pattern = "")
    {
        await using var connection = await app.Services.GetRequiredService<StoreDialect>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql, new { Connector = CaptureSourceDatabase.ConnectorId, Pattern = pattern });
    }
}
