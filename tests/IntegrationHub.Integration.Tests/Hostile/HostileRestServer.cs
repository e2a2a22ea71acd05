using System.Collections.Concurrent;
using IntegrationHub.Integration.Tests.Connectors.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Integration.Tests.Hostile;

/// <summary>One loopback departmental API for the whole corpus: each case's body is served at /cases/{case}.</summary>
public sealed class HostileRestServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (byte[] Body, string ContentType)> _bodies = new();
    private DepartmentApi? _api;

    public async Task StartAsync() =>
        _api = await DepartmentApi.StartAsync(app => app.MapGet("/cases/{id}", async (string id, HttpContext http) =>
        {
            var (body, type) = _bodies[id];
            http.Response.ContentType = type;
            await http.Response.Body.WriteAsync(body);
        }));

    public Uri Serve(string id, byte[] body, string contentType)
    {
        _bodies[id] = (body, contentType);
        return _api!.Url($"/cases/{Uri.EscapeDataString(id)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
            await _api.DisposeAsync();
    }
}
