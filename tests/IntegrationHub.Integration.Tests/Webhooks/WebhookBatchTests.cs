using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Feeds.Webhooks;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;
using IntegrationHub.Store;
using IntegrationHub.Store.Sql;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Integration.Tests.Webhooks;

/// <summary>
/// An endpoint set to receive several events a request (<c>maxEventsPerRequest</c>): CloudEvents batches to a real receiver
/// on loopback, in order, signed over the whole body, split by count and by size, retried as a whole.
/// </summary>
public sealed class WebhookBatchTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task EndpointSetToBatches_GetsEveryEventOnceInOrder_InSignedBatchesOfAtMostItsCount_AndAFailedBatchComesAgainWhole(HubStack stack)
    {
        const int perRequest = 4;
        await using var sources = await SampleSources.CreateAsync(stack, 20);
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = WebhookTesting.Settings();
        // Successes saved every batch (one batch is SaveEvery events), never by time.
        settings["Hub:Webhooks:SaveEvery"] = perRequest.ToString(CultureInfo.InvariantCulture);
        settings["Hub:Webhooks:SaveInterval"] = "00:01:00";
        // Reads smaller than a request: the hub reads a full request for a batched endpoint all the same.
        settings["Hub:Webhooks:BatchSize"] = "2";
        CountingCursors? cursors = null;
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory, settings, services: services =>
            services.AddSingleton<IDeliveryCursors>(sp => cursors = new CountingCursors(
                new SqlDeliveryCursors(sp.GetRequiredService<StoreDialect>(), sp.GetRequiredService<TimeProvider>()))));
        await hub.RunAsync(SampleDepartment.MarketRegulation.Id);
        var expected = (await hub.ReadFeedAsync()).Select(e => e["id"]!.GetValue<string>()).ToList();
        Assert.True(expected.Count > 3 * perRequest, $"{expected.Count} events");

        // Set after the sync and replayed from the start: every event is in the log before the first request, so the
        // retry of the refused first batch carries exactly the same events.
        await hub.CreateSubscriptionAsync("supervision");
        receiver.AnswerNext(503);
        var secret = WebhookSecret.Parse(await SetBatchedWebhookAsync(hub, "supervision", receiver.Url, perRequest));
        var replay = await hub.Client.PostAsync("/api/v1/subscriptions/supervision/webhook/replay?since=2000-01-01", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);

        await WaitForEventsAsync(receiver, expected.Count + perRequest);
        var received = receiver.Received;
        Assert.All(received, r => Assert.StartsWith("application/cloudevents-batch+json", r.ContentType, StringComparison.Ordinal));
        Assert.All(received, r => Assert.Equal(
            WebhookVerificationResult.Valid, WebhookVerifier.Verify(r.Body, r.Headers, [secret], TimeProvider.System)));
        // The refused batch came again whole: the same webhook-id, the same body.
        Assert.Equal(received[0].Headers.Id, received[1].Headers.Id);
        Assert.Equal(received[0].Body, received[1].Body);
        Assert.Equal(perRequest, EventIds(received[0]).Count);

        // After it, each event once, in change-log order, at most perRequest a request, each request named by its ends.
        var delivered = received.Skip(1).ToList();
        Assert.Equal(expected, delivered.SelectMany(EventIds));
        Assert.All(delivered, r => Assert.InRange(EventIds(r).Count, 1, perRequest));
        Assert.All(delivered, r => Assert.Equal(
            EventIds(r) is [var only] ? only : $"{EventIds(r)[0]}_{EventIds(r)[^1]}",
            r.Headers.Id));
        Assert.True(delivered.Count < expected.Count / 2, $"{delivered.Count} requests for {expected.Count} events");

        // The log has a line per event: its success, and the refused attempt of the batch's first event before it.
        await WebhookTesting.WaitUntilAsync(
            async () => (await hub.DeliveriesAsync("supervision")).Count(d => d!["statusCode"]?.GetValue<int>() == 200) == expected.Count,
            "a logged success for every event");
        var log = (await hub.DeliveriesAsync("supervision")).Select(d => d!.AsObject()).ToList();
        var refused = Assert.Single(log, d => d["statusCode"]!.GetValue<int>() == 503);
        Assert.Equal(expected[0], refused["eventId"]!.GetValue<string>());
        Assert.Equal(expected.Order(StringComparer.Ordinal), log.Where(d => d["statusCode"]!.GetValue<int>() == 200).Select(d => d["eventId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(2, log.Single(d => d["eventId"]!.GetValue<string>() == expected[0] && d["statusCode"]!.GetValue<int>() == 200)["attempt"]!.GetValue<int>());

        // One write per batch: the refused attempt; then each batch's successes, the page's last with the cursor's move
        // (a save of no attempts would be a second write for the same batch).
        var saves = cursors!.Attempts.ToList();
        Assert.Equal(1, saves[0]);
        Assert.Equal(delivered.Select(r => EventIds(r).Count), saves.Skip(1));
    }

    [Fact]
    public async Task ABatchEndsBeforeTheBodyLimit_TheCountIsKeptWhenTheUrlChanges_AndAnImpossibleCountIsRefusedByName()
    {
        const int maxBytes = 16 * 1024;
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 20);
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = WebhookTesting.Settings();
        settings["Hub:Webhooks:MaxRequestBytes"] = maxBytes.ToString(CultureInfo.InvariantCulture);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory, settings);
        await hub.CreateSubscriptionAsync("supervision");

        var refused = await hub.Client.PutAsJsonAsync("/api/v1/subscriptions/supervision/webhook", new JsonObject { ["url"] = receiver.Url.ToString(), ["maxEventsPerRequest"] = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("maxEventsPerRequest", problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("from 1", problem.ToJsonString(), StringComparison.Ordinal);

        await SetBatchedWebhookAsync(hub, "supervision", receiver.Url, 1000);
        // Setting the URL again without a count keeps the endpoint's count.
        var again = await hub.Client.PutAsJsonAsync("/api/v1/subscriptions/supervision/webhook", new JsonObject { ["url"] = receiver.Url.ToString() });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1000, (await hub.WebhookOfAsync("supervision"))["maxEventsPerRequest"]!.GetValue<int>());

        await hub.RunAsync(SampleDepartment.MarketRegulation.Id);
        var expected = (await hub.ReadFeedAsync()).Select(e => e["id"]!.GetValue<string>()).ToList();
        await WaitForEventsAsync(receiver, expected.Count);
        var received = receiver.Received;
        Assert.Equal(expected, received.SelectMany(EventIds));
        // Split by size: no body over the limit, several events in most, so more requests than one per page.
        Assert.All(received, r => Assert.True(r.Body.Length <= maxBytes, $"a body of {r.Body.Length} bytes"));
        Assert.True(received.Count > 1 && received.Count < expected.Count, $"{received.Count} requests for {expected.Count} events");
    }

    private static async Task<string> SetBatchedWebhookAsync(TestHub hub, string subscriptionId, Uri url, int perRequest)
    {
        var response = await hub.Client.PutAsJsonAsync(
            $"/api/v1/subscriptions/{subscriptionId}/webhook", new JsonObject { ["url"] = url.ToString(), ["maxEventsPerRequest"] = perRequest });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var view = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(perRequest, view["maxEventsPerRequest"]!.GetValue<int>());
        return view["secret"]!.GetValue<string>();
    }

    private static List<string> EventIds(ReceivedWebhook request) =>
        [.. JsonNode.Parse(request.Body)!.AsArray().Select(e => e!["id"]!.GetValue<string>())];

    private static async Task WaitForEventsAsync(WebhookReceiver receiver, int count) =>
        await WebhookTesting.WaitUntilAsync(() => Task.FromResult(receiver.Received.Sum(r => EventIds(r).Count) >= count), $"{count} events received");
}
