using System.Collections.Concurrent;
using IntegrationHub.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Integration.Tests.Connectors.Rest;

/// <summary>
/// A departmental HTTP API simulated by a real Kestrel server on a free loopback port: each test maps the minimal-API
/// endpoints it needs, and every request that arrives is recorded (method, path, query, headers).
/// </summary>
public sealed class DepartmentApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DepartmentApi(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>Requests to one path, in arrival order.</summary>
    public List<ReceivedRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    public Uri Url(string pathAndQuery) => new(Address, pathAndQuery);

    public static async Task<DepartmentApi> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new DepartmentApi(app);
        app.Use(async (context, next) =>
        {
            api.Requests.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                DateTimeOffset.UtcNow));
            await next(context);
        });
        map(app);
        await app.StartAsync();
        api.Address = app.Address();
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request the simulated API received.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At)
{
    public string? this[string parameter] => Query.GetValueOrDefault(parameter);

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
