using System.Globalization;
using Dapper;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// The hub as an operator scales it out (issue 16): one process in the <c>api</c> role and several in the <c>worker</c>
/// role, each a real operating-system process, on one PostgreSQL store and one RabbitMQ virtual host. A worker can be
/// killed with SIGKILL and another started in its place; the store's lease table says which process does what.
/// </summary>
public sealed class HubCluster : IAsyncDisposable
{
    private readonly HubSettings _settings;
    private readonly string _test;
    private int _started;

    private HubCluster(HubSettings settings, string test, HubProcess api)
    {
        _settings = settings;
        _test = test;
        Api = api;
    }

    public HubProcess Api { get; }

    /// <summary>The administrator's client, on the API process.</summary>
    public HttpClient Client => Api.Client;

    public List<HubProcess> Workers { get; } = [];

    /// <summary>Starts the API process, then the workers one after another (the first start migrates the store and makes the keys).</summary>
    public static async Task<HubCluster> StartAsync(HubSettings settings, int workers, string test)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var api = await HubProcess.StartAsync(settings, FaultCampaign.HubLog(test + "-api"), roles: "api");
        var cluster = new HubCluster(settings, test, api);
        try
        {
            for (var i = 0; i < workers; i++)
                await cluster.AddWorkerAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public async Task<HubProcess> AddWorkerAsync()
    {
        var worker = await HubProcess.StartAsync(_settings, FaultCampaign.HubLog($"{_test}-worker{++_started}"), roles: "worker");
        Workers.Add(worker);
        return worker;
    }

    /// <summary>SIGKILL of one worker: no lease is given back, no batch acknowledged, nothing flushed.</summary>
    public async Task KillAsync(HubProcess worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        worker.Kill();
        Workers.Remove(worker);
        await worker.DisposeAsync();
    }

    /// <summary>Every lease row (held, expired or given back), with the process id of its latest holder.</summary>
    public async Task<List<LeaseRow>> LeasesAsync()
    {
        await using var store = await _settings.OpenStoreDialect().OpenAsync(CancellationToken.None);
        var rows = await store.QueryAsync<(string Name, string Holder, long Token, long ExpiresAt)>("SELECT name, holder, token, expires_at FROM leases");
        // The holder is "host/process id/random" (ProcessIdentity).
        return [.. rows.Select(r => new LeaseRow(r.Name, int.Parse(r.Holder.Split('/')[^2], CultureInfo.InvariantCulture), r.Token,
            DateTimeOffset.FromUnixTimeMilliseconds(r.ExpiresAt)))];
    }

    /// <summary>The leases held now.</summary>
    public async Task<List<LeaseRow>> HeldLeasesAsync() =>
        [.. (await LeasesAsync()).Where(l => l.ExpiresAt > DateTimeOffset.UtcNow)];

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in Workers)
            await worker.DisposeAsync();
        await Api.DisposeAsync();
    }
}
