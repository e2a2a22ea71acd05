using System.Collections.Concurrent;
using IntegrationHub.Feeds.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>
/// A subscriber's webhook endpoint on a real Kestrel port on loopback. It records every request it receives (headers
/// and raw body), answers 200 unless told to answer otherwise for the next requests, and can be stopped and started
/// again on the same port, as a receiver that is down for a while.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentQueue<int> _answers = new();
    private WebApplication? _app;

    private WebhookReceiver()
    {
    }

    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hook");

    /// <summary>Every request so far, in the order received.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.StartOnAsync(0);
        return receiver;
    }

    /// <summary>The next requests get these status codes (then 200 again).</summary>
    public void AnswerNext(params int[] statusCodes)
    {
        foreach (var code in statusCodes)
            _answers.Enqueue(code);
    }

    public async Task StopAsync()
    {
        if (_app is null)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>Starts again on the port it had: the hub's URL stays valid.</summary>
    public Task StartAgainAsync() => StartOnAsync(Port);

    /// <summary>Waits until the distinct webhook-ids received reach <paramref name="count"/>.</summary>
    public async Task WaitForDistinctAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (Received.Select(r => r.Headers.Id).Distinct().Count() < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The receiver got {Received.Select(r => r.Headers.Id).Distinct().Count()} distinct events, not {count}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the receiver holds at least <paramref name="count"/> requests.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (_received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The receiver got {_received.Count} requests, not {count}.");
            await Task.Delay(50);
        }
    }

    private async Task StartOnAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _received.Enqueue(new ReceivedWebhook(
                WebhookHeaders.Read(name => context.Request.Headers[name].ToString()),
                body.ToArray(),
                context.Request.ContentType));
            context.Response.StatusCode = _answers.TryDequeue(out var code) ? code : StatusCodes.Status200OK;
            await context.Response.WriteAsync(context.Response.StatusCode == 200 ? "ok" : "not now");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        _app = app;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>One request as the receiver got it.</summary>
public sealed record ReceivedWebhook(WebhookHeaders Headers, byte[] Body, string? ContentType)
{
    public System.Text.Json.Nodes.JsonObject Event => System.Text.Json.Nodes.JsonNode.Parse(Body)!.AsObject();

    public long Seq => long.Parse(Event["seq"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
}
