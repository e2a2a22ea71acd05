using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Host.Hosting;
using IntegrationHub.Integration.Tests.Harness.Secrets;
using IntegrationHub.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>
/// A whole hub in this process, on a real Kestrel port on loopback, on one of the two stacks, with a store and (for
/// RabbitMQ) a virtual host of its own.
/// </summary>
public sealed class TestHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HubSettings _settings;
    private readonly bool _ownsSettings;

    private TestHub(WebApplication app, HubSettings settings, bool ownsSettings, HttpClient client, Uri address)
    {
        _app = app;
        _settings = settings;
        _ownsSettings = ownsSettings;
        Client = client;
        Address = address;
    }

    /// <summary>An HTTP client that carries the administrator key.</summary>
    public HttpClient Client { get; }

    public Uri Address { get; }

    public string DataDirectory => _settings.DataDirectory;

    public ISupervisionStore Store => _app.Services.GetRequiredService<ISupervisionStore>();

    public IServiceProvider Services => _app.Services;

    /// <summary>A connection to the hub's store, for assertions on what is stored.</summary>
    public async Task<System.Data.Common.DbConnection> OpenStoreAsync() =>
        await _settings.OpenStoreDialect().OpenAsync(CancellationToken.None);

    public static async Task<TestHub> StartAsync(HubStack stack, string connectorsDirectory, IDictionary<string, string?>? settings = null,
        CapturedLog? log = null, Action<IServiceCollection>? services = null)
    {
        var hubSettings = await HubSettings.CreateAsync(stack, connectorsDirectory, settings);
        return await StartAsync(hubSettings, ownsSettings: true, log, services);
    }

    /// <summary>A hub on existing settings: a restart keeps the store (and what a test changed in the connectors).</summary>
    /// <param name="log">When given, every log line of the hub (from Debug up) is captured in it.</param>
    /// <param name="services">Extra services for the hub (an in-memory span exporter, say).</param>
    public static async Task<TestHub> StartAsync(HubSettings settings, bool ownsSettings = false, CapturedLog? log = null, Action<IServiceCollection>? services = null)
    {
        // Every hub's log lines and answers go to the suite's transcript, searched for secrets after the tests.
        var transcript = SecretTranscript.Suite;
        var app = HubApplication.Create(settings.Values, log is null ? LogLevel.Warning : LogLevel.Debug,
            logging =>
            {
                if (log is not null)
                    logging.AddProvider(log);
                transcript?.AddTo(logging);
            },
            hub =>
            {
                transcript?.AddTo(hub);
                services?.Invoke(hub);
            });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A hub that failed to start (a test of a refused configuration) stops what it had started.
            await app.DisposeAsync();
            throw;
        }

        var address = app.Address();
        var adminKey = await settings.ReadAdminKeyAsync();
        transcript?.Register(adminKey, "admin.key");
        if (transcript is not null)
            ConnectorSecretValues.RegisterAll(transcript, app.Services);
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        return new TestHub(app, settings, ownsSettings, client, address);
    }

    /// <summary>Waits until the connector's latest run has the trigger and has ended.</summary>
    public async Task<JsonObject> WaitForRunAsync(string connectorId, string trigger, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(5));
        while (DateTime.UtcNow < deadline)
        {
            var runs = await Client.GetFromJsonAsync<JsonArray>($"/api/v1/connectors/{connectorId}/runs?limit=1");
            if (runs is [JsonObject latest] && latest["trigger"]!.GetValue<string>() == trigger && latest["status"]!.GetValue<string>() != "running")
                return latest;
            await Task.Delay(100);
        }

        throw new TimeoutException($"No finished {trigger} run of {connectorId} in time.");
    }

    /// <summary>
    /// Starts a run through the API (<c>POST …/{id}/runs</c>, or <c>…/{id}/backfill</c> with <paramref name="action"/>)
    /// and waits until the store says it ended; returns the run as the API shows it.
    /// </summary>
    public async Task<JsonObject> RunAsync(string connectorId, TimeSpan? timeout = null, string action = "runs")
    {
        var before = await LatestRunIdAsync(connectorId);
        var response = await Client.PostAsync($"/api/v1/connectors/{connectorId}/{action}", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(5));
        while (DateTime.UtcNow < deadline)
        {
            var runs = await Client.GetFromJsonAsync<JsonArray>($"/api/v1/connectors/{connectorId}/runs?limit=1");
            if (runs is [JsonObject latest] && latest["id"]!.GetValue<string>() != before && latest["status"]!.GetValue<string>() != "running")
                return latest;
            await Task.Delay(100);
        }

        throw new TimeoutException($"Run of {connectorId} did not finish in time.");
    }

    public async Task<JsonObject> GetJsonAsync(string path) =>
        await Client.GetFromJsonAsync<JsonObject>(path) ?? throw new InvalidOperationException($"{path} returned null.");

    /// <summary>Reads the whole feed from the start, following next_cursor (as the administrator: everything, unmasked).</summary>
    public Task<List<JsonObject>> ReadFeedAsync() => Client.ReadWholeFeedAsync();

    private async Task<string?> LatestRunIdAsync(string connectorId)
    {
        var runs = await Client.GetFromJsonAsync<JsonArray>($"/api/v1/connectors/{connectorId}/runs?limit=1");
        return runs is [JsonObject latest] ? latest["id"]!.GetValue<string>() : null;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsSettings)
            await _settings.DisposeAsync();
    }
}
