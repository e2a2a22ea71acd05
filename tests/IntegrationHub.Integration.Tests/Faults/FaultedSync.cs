using System.Data.Common;
using System.Diagnostics;
using System.Net;
using Dapper;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// Drives one sync through faults: watches how far it is stored (from the store itself, which a fault may make
/// unreachable for a while), starts runs through the API, and at the end runs every connector until a run completes and
/// the next one finds nothing left to read.
/// </summary>
public sealed class FaultedSync(HubSettings settings, SourceTruth truth)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    private TimeSpan? _lastKeepRunning;

    public Random Random { get; } = new(FaultCampaign.Seed);

    public SourceTruth Truth => truth;

    public TimeSpan Elapsed => _watch.Elapsed;

    /// <summary>Faults injected so far (kills, outages, dropped connections, failed answers, …).</summary>
    public int Injections { get; set; }

    /// <summary>Of those, the ones that hit a run under way.</summary>
    public int MidRun { get; set; }

    /// <summary><paramref name="count"/> random points of the sync (record counts), in ascending order, spread over all of it.</summary>
    public List<long> RandomPoints(int count, double from = 0.03, double to = 0.95) =>
        [.. Enumerable.Range(0, count).Select(_ => (long)(truth.Records * (from + (Random.NextDouble() * (to - from))))).Order()];

    /// <summary>Records stored or quarantined so far; null while the store cannot be read.</summary>
    public async Task<long?> StoredAsync()
    {
        try
        {
            await using var store = await OpenAsync();
            return await store.ExecuteScalarAsync<long>(
                "SELECT (SELECT COUNT(*) FROM source_records) + (SELECT COUNT(*) FROM quarantine WHERE status = 'open')");
        }
        catch (Exception ex) when (ex is DbException or IOException or TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Whether a run of any connector is under way, as the store says.</summary>
    public async Task<bool> AnyRunningAsync()
    {
        await using var store = await OpenAsync();
        return await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sync_runs WHERE status = 'running'") > 0;
    }

    /// <summary>Waits until at least <paramref name="records"/> are stored (or everything is).</summary>
    public async Task WaitUntilStoredAsync(long records, Func<Task>? whileWaiting = null)
    {
        var deadline = _watch.Elapsed + FaultCampaign.Patience;
        while ((await StoredAsync() ?? 0) < Math.Min(records, truth.Records))
        {
            if (_watch.Elapsed > deadline)
                throw new TimeoutException($"The sync did not store {records} records within {FaultCampaign.Patience} (seed {FaultCampaign.Seed}).");
            if (whileWaiting is not null)
                await whileWaiting();
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Starts a run of every connector that has none under way (a run a fault failed is followed by the next, as the
    /// scheduler would do), at most every two seconds; never waits, and a request the hub refuses now is asked again later.
    /// </summary>
    public async Task KeepRunningAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (_lastKeepRunning is { } last && _watch.Elapsed - last < TimeSpan.FromSeconds(2))
            return;
        _lastKeepRunning = _watch.Elapsed;
        foreach (var connector in truth.Connectors)
        {
            try
            {
                await using var store = await OpenAsync();
                if (await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sync_runs WHERE connector_id = @connector AND status = 'running'", new { connector }) > 0)
                    continue;
                using var response = await client.PostAsync($"/api/v1/connectors/{connector}/runs", null);
            }
            catch (Exception ex) when (ex is DbException or IOException or TimeoutException or HttpRequestException or TaskCanceledException)
            {
                // the store or the hub is down for a moment
            }
        }
    }

    /// <summary>
    /// Takes a private service down at <paramref name="count"/> random points of the sync, each time in a mode picked at
    /// random (<paramref name="modes"/>), for 1–<paramref name="maxSeconds"/> seconds, and brings it up again; runs are
    /// kept going meanwhile. Returns the modes used.
    /// </summary>
    public async Task<List<string>> OutagesAsync(HttpClient client, PrivateServices services, string service, string[] modes, int count, int maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(modes);
        var used = new List<string>();
        foreach (var point in RandomPoints(count))
        {
            await WaitUntilStoredAsync(point, () => KeepRunningAsync(client));
            await Task.Delay(Random.Next(0, 300));
            var mode = modes[Random.Next(modes.Length)];
            used.Add(mode);
            if (await AnyRunningAsync())
                MidRun++;
            await services.DownAsync(service, mode);
            Injections++;
            await Task.Delay(TimeSpan.FromSeconds(Random.Next(1, maxSeconds + 1)));
            await services.UpAsync(service);
        }

        return used;
    }

    /// <summary>Starts a run of every connector once the runs of a killed process are released.</summary>
    public async Task StartRunsAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        await Task.WhenAll(truth.Connectors.Select(async connector =>
        {
            await WaitForNoRunAsync(connector);
            await PostRunAsync(client, connector);
        }));
    }

    /// <summary>
    /// Runs every connector until a run completes and finds nothing new (the one after the run that finished the sync):
    /// whatever the faults left behind is resumed from the stored checkpoints. Returns the runs this took.
    /// </summary>
    public async Task<int> CompleteAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var runs = await Task.WhenAll(truth.Connectors.Select(connector => CompleteAsync(client, connector)));
        return runs.Sum();
    }

    private async Task<int> CompleteAsync(HttpClient client, string connector)
    {
        var deadline = _watch.Elapsed + FaultCampaign.Patience;
        var runs = 0;
        while (_watch.Elapsed < deadline)
        {
            await WaitForNoRunAsync(connector);
            var before = await RunIdsAsync(connector);
            await PostRunAsync(client, connector);
            var run = await WaitForNewRunToEndAsync(connector, before, TimeSpan.FromMinutes(1));
            if (run is null)
                continue; // the request was not carried out (the connector was still busy): ask again
            runs++;
            // Nothing new: an incremental source reads nothing more, a paged one without a cursor reads it all again unchanged.
            if (run.Status == "completed" && run.Inserted + run.Updated + run.Deleted == 0)
                return runs;
        }

        throw new TimeoutException($"{connector} did not complete within {FaultCampaign.Patience} (seed {FaultCampaign.Seed}).");
    }

    public async Task WaitForNoRunAsync(string connector)
    {
        var deadline = _watch.Elapsed + FaultCampaign.Patience;
        while (true)
        {
            try
            {
                await using var store = await OpenAsync();
                if (await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sync_runs WHERE connector_id = @connector AND status = 'running'", new { connector }) == 0)
                    return;
            }
            catch (Exception ex) when (ex is DbException or IOException or TimeoutException)
            {
                // the store is down for a moment
            }

            if (_watch.Elapsed > deadline)
                throw new TimeoutException($"A run of {connector} stayed running for {FaultCampaign.Patience} (seed {FaultCampaign.Seed}).");
            await Task.Delay(200);
        }
    }

    private async Task<HashSet<string>> RunIdsAsync(string connector)
    {
        await using var store = await OpenAsync();
        return (await store.QueryAsync<string>("SELECT run_id FROM sync_runs WHERE connector_id = @connector", new { connector })).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The run that started after <paramref name="before"/>, once it ended; null when none started in <paramref name="toStart"/>.</summary>
    private async Task<RunRow?> WaitForNewRunToEndAsync(string connector, HashSet<string> before, TimeSpan toStart)
    {
        var startBy = _watch.Elapsed + toStart;
        var deadline = _watch.Elapsed + FaultCampaign.Patience;
        while (_watch.Elapsed < deadline)
        {
            try
            {
                await using var store = await OpenAsync();
                var run = (await store.QueryAsync<RunRow>(
                    "SELECT run_id AS RunId, status AS Status, inserted AS Inserted, updated AS Updated, deleted AS Deleted FROM sync_runs WHERE connector_id = @connector", new { connector }))
                    .FirstOrDefault(r => !before.Contains(r.RunId));
                if (run is null && _watch.Elapsed > startBy)
                    return null;
                if (run is not null && run.Status != "running")
                    return run;
            }
            catch (Exception ex) when (ex is DbException or IOException or TimeoutException)
            {
                // the store is down for a moment
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"A run of {connector} did not end within {FaultCampaign.Patience} (seed {FaultCampaign.Seed}).");
    }

    /// <summary>Asks for a run until the hub accepts the request (the API answers 5xx while the bus or the store is down).</summary>
    private async Task PostRunAsync(HttpClient client, string connector)
    {
        var deadline = _watch.Elapsed + FaultCampaign.Patience;
        while (true)
        {
            try
            {
                using var response = await client.PostAsync($"/api/v1/connectors/{connector}/runs", null);
                if (response.StatusCode == HttpStatusCode.Accepted)
                    return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // the hub is busy reconnecting
            }

            if (_watch.Elapsed > deadline)
                throw new TimeoutException($"The hub did not accept a run of {connector} within {FaultCampaign.Patience} (seed {FaultCampaign.Seed}).");
            await Task.Delay(500);
        }
    }

    private async Task<DbConnection> OpenAsync() => await settings.OpenStoreDialect().OpenAsync(CancellationToken.None);

    private sealed record RunRow
    {
        public string RunId { get; init; } = "";
        public string Status { get; init; } = "";
        public long Inserted { get; init; }
        public long Updated { get; init; }
        public long Deleted { get; init; }
    }
}
