using System.Threading.Channels;
using IntegrationHub.Feeds.Webhooks;
using IntegrationHub.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Integration.Tests.Operations;

/// <summary>An operator's webhook endpoint on loopback (real Kestrel): keeps every request's raw body and Standard Webhooks headers.</summary>
public sealed class OperatorWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<(byte[] Body, WebhookHeaders Headers)> _received = Channel.CreateUnbounded<(byte[], WebhookHeaders)>();

    private OperatorWebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/alerts", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            await _received.Writer.WriteAsync((body.ToArray(), WebhookHeaders.Read(name => request.Headers[name].ToString())));
            return Results.NoContent();
        });
    }

    public Uri Url => new(_app.Address(), "/alerts");

    public static async Task<OperatorWebhookReceiver> StartAsync()
    {
        var receiver = new OperatorWebhookReceiver();
        await receiver._app.StartAsync();
        return receiver;
    }

    /// <summary>The next delivery, waiting as long as the hub may take to notice (the test fails, not hangs, after that).</summary>
    public async Task<(byte[] Body, WebhookHeaders Headers)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
