using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Feeds.Webhooks;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Webhooks;

/// <summary>Operating a webhook endpoint: 410 disables it, re-enable, secret rotation, redelivery and replay.</summary>
public sealed class WebhookEndpointTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task Gone_DisablesTheEndpointWithTheReason_EnableResumesWithoutGap_RotationSignsTwice_RedeliverAndReplaySendAgain(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, 15);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory, WebhookTesting.Settings());
        await hub.CreateSubscriptionAsync("city-justice");
        var oldSecret = WebhookSecret.Parse(await hub.SetWebhookAsync("city-justice", receiver.Url));
        receiver.AnswerNext(410);

        await hub.RunAsync(SampleDepartment.MarketRegulation.Id);
        await WebhookTesting.WaitUntilAsync(async () => !(await hub.WebhookOfAsync("city-justice"))["enabled"]!.GetValue<bool>(), "the endpoint is disabled");

        var disabled = await hub.WebhookOfAsync("city-justice");
        Assert.Contains("410 Gone", disabled["disabledReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(disabled["disabledAt"]);
        var log = await hub.DeliveriesAsync("city-justice");
        var gone = Assert.Single(log)!.AsObject();
        Assert.Equal(410, gone["statusCode"]!.GetValue<int>());
        Assert.Null(gone["nextAttemptAt"]);

        // Rotation: the answer shows the new secret once; the old one keeps signing beside it.
        var rotation = await hub.Client.PostAsync("/api/v1/subscriptions/city-justice/webhook/secrets", null);
        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        var rotated = (await rotation.Content.ReadFromJsonAsync<JsonObject>())!;
        var newSecret = WebhookSecret.Parse(rotated["secret"]!.GetValue<string>());
        Assert.Equal(2, rotated["secrets"]!.AsArray().Count);
        Assert.NotNull(rotated["secrets"]![1]!["expiresAt"]);

        var enable = await hub.Client.PostAsync("/api/v1/subscriptions/city-justice/webhook/enable", null);
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        var expected = await hub.ReadFeedAsync();
        await receiver.WaitForDistinctAsync(expected.Count);

        // The event that got 410 comes again first: nothing is skipped by disabling.
        var afterEnable = receiver.Received.Skip(1).ToList();
        Assert.Equal(expected.Select(e => e["id"]!.GetValue<string>()), afterEnable.Select(r => r.Headers.Id));
        Assert.All(afterEnable, r =>
        {
            Assert.Equal(2, r.Headers.Signature.Split(' ').Length);
            Assert.Equal(WebhookVerificationResult.Valid, WebhookVerifier.Verify(r.Body, r.Headers, [oldSecret], TimeProvider.System));
            Assert.Equal(WebhookVerificationResult.Valid, WebhookVerifier.Verify(r.Body, r.Headers, [newSecret], TimeProvider.System));
        });

        // Redeliver one event: the same webhook-id and body once more, logged as a redelivery. (Only a logged delivery
        // can be redelivered; successes are logged in groups, so wait until it is.)
        var chosen = expected[2]["id"]!.GetValue<string>();
        await WebhookTesting.WaitUntilAsync(
            async () => (await hub.DeliveriesAsync("city-justice")).Any(d => d!["eventId"]!.GetValue<string>() == chosen && d["statusCode"]?.GetValue<int>() == 200),
            "the chosen event's delivery in the log");
        var before = receiver.Received.Count;
        Assert.Equal(HttpStatusCode.Accepted, (await hub.Client.PostAsync($"/api/v1/subscriptions/city-justice/webhook/deliveries/{chosen}/redeliver", null)).StatusCode);
        await receiver.WaitForRequestsAsync(before + 1);
        var again = receiver.Received[before];
        Assert.Equal(chosen, again.Headers.Id);
        Assert.Equal(afterEnable[2].Body, again.Body);
        // The redelivery is logged once its answer came back, a moment after the receiver saw it.
        await WebhookTesting.WaitUntilAsync(
            async () => (await hub.DeliveriesAsync("city-justice")).Any(d => d!["trigger"]!.GetValue<string>() == "redeliver" && d["eventId"]!.GetValue<string>() == chosen),
            "the redelivery in the log");
        var unknown = await hub.Client.PostAsync("/api/v1/subscriptions/city-justice/webhook/deliveries/no-such-event/redeliver", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // Replay since the time of an event: everything from the first change at or after it, in order, again.
        var since = DateTimeOffset.Parse(expected[5]["time"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var from = expected.Where(e => DateTimeOffset.Parse(e["time"]!.GetValue<string>(), CultureInfo.InvariantCulture) >= since).Min(e => e.Seq());
        var replayed = expected.Where(e => e.Seq() >= from).ToList();
        before = receiver.Received.Count;
        var replay = await hub.Client.PostAsync(
            $"/api/v1/subscriptions/city-justice/webhook/replay?since={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))}", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        await receiver.WaitForRequestsAsync(before + replayed.Count);
        Assert.Equal(replayed.Select(e => e["id"]!.GetValue<string>()), receiver.Received.Skip(before).Select(r => r.Headers.Id));

        var missingSince = await hub.Client.PostAsync("/api/v1/subscriptions/city-justice/webhook/replay", null);
        Assert.Equal(HttpStatusCode.BadRequest, missingSince.StatusCode);
        Assert.Equal("since", (await missingSince.Content.ReadFromJsonAsync<JsonObject>())!["parameter"]!.GetValue<string>());
    }
}
