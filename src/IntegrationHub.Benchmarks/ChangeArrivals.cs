using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// A subscriber on both channels at once: a webhook endpoint (Kestrel on loopback) and a pull-feed client that long-polls
/// (<c>wait=30</c>). Each notes, per change marker <c>#n#</c> found in an event, when it first arrived (a
/// <see cref="Stopwatch"/> timestamp).
/// </summary>
internal sealed partial class ChangeArrivals : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, long> _webhook = new();
    private readonly ConcurrentDictionary<long, long> _feed = new();
    private readonly CancellationTokenSource _stop = new();
    private WebApplication? _receiver;
    private Task _polling = Task.CompletedTask;

    public IReadOnlyDictionary<long, long> Webhook => _webhook;

    public IReadOnlyDictionary<long, long> Feed => _feed;

    public Uri WebhookUrl { get; private set; } = null!;

    public static async Task<ChangeArrivals> StartReceiverAsync()
    {
        var arrivals = new ChangeArrivals();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            Note(arrivals._webhook, await reader.ReadToEndAsync(), Stopwatch.GetTimestamp());
            return Results.Ok();
        });
        await app.StartAsync();
        arrivals._receiver = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        arrivals.WebhookUrl = new Uri(address.TrimEnd('/') + "/hook");
        return arrivals;
    }

    /// <summary>Long-polls the pull feed from <paramref name="cursor"/> in the background, as a subscriber would.</summary>
    public void StartFeed(Uri hub, string key, string cursor)
    {
        var client = new HttpClient { BaseAddress = hub, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        _polling = Task.Run(async () =>
        {
            using (client)
            {
                while (!_stop.IsCancellationRequested)
                {
                    try
                    {
                        var page = JsonNode.Parse(await client.GetStringAsync($"/api/v1/feed?after={Uri.EscapeDataString(cursor)}&limit=1000&wait=30", _stop.Token))!;
                        var at = Stopwatch.GetTimestamp();
                        foreach (var item in page["data"]!.AsArray())
                            Note(_feed, item!.ToJsonString(), at);
                        cursor = page["next_cursor"]!.GetValue<string>();
                    }
                    catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                    {
                        return;
                    }
                }
            }
        });
    }

    private static void Note(ConcurrentDictionary<long, long> arrivals, string body, long at)
    {
        foreach (Match match in Marker().Matches(body))
            arrivals.TryAdd(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), at);
    }

    /// <summary>Waits until every marker arrived on both channels, at most <paramref name="timeout"/>; false when some had not.</summary>
    public async Task<bool> WaitForAsync(IEnumerable<long> markers, TimeSpan timeout)
    {
        var expected = markers.ToList();
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        bool All() => expected.All(m => _webhook.ContainsKey(m) && _feed.ContainsKey(m));
        while (Stopwatch.GetTimestamp() < deadline && !All())
            await Task.Delay(200);
        return All();
    }

    [GeneratedRegex("#([0-9]+)#")]
    private static partial Regex Marker();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _polling.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_receiver is not null)
            await _receiver.DisposeAsync();
        _stop.Dispose();
    }
}
