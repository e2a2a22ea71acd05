using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Feeds.Webhooks;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Webhooks;

/// <summary>Webhook delivery against a real receiver on loopback: catch-up after downtime, order, ids, signatures, scope, masking.</summary>
public sealed class WebhookDeliveryTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ReceiverDownDuringASync_GetsEveryEventInOrderOnceBack_RetriesKeepTheWebhookId_AndSignaturesVerify(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, 20);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory, WebhookTesting.Settings());
        await hub.CreateSubscriptionAsync("supervision");
        var secret = WebhookSecret.Parse(await hub.SetWebhookAsync("supervision", receiver.Url));

        await receiver.StopAsync();
        await hub.RunAsync(SampleDepartment.MarketRegulation.Id);
        await WebhookTesting.WaitUntilAsync(
            async () => (await hub.DeliveriesAsync("supervision")).Count(d => d!["statusCode"] is null) >= 2,
            "two failed attempts while the receiver is down");
        receiver.AnswerNext(503);
        await receiver.StartAgainAsync();

        var expected = await hub.ReadFeedAsync();
        Assert.NotEmpty(expected);
        await receiver.WaitForDistinctAsync(expected.Count);

        var received = receiver.Received;
        // In order, no gap: the first receipt of each event follows the change log exactly.
        Assert.Equal(
            expected.Select(e => e["id"]!.GetValue<string>()),
            received.Select(r => r.Headers.Id).Distinct());
        Assert.All(received, r => Assert.Equal(r.Headers.Id, r.Event["id"]!.GetValue<string>()));
        // The 503 was retried: the same event came twice, with the same webhook-id.
        Assert.Equal(received[0].Headers.Id, received[1].Headers.Id);
        Assert.Equal(received[0].Body, received[1].Body);
        Assert.All(received, r => Assert.Equal(
            WebhookVerificationResult.Valid, WebhookVerifier.Verify(r.Body, r.Headers, [secret], TimeProvider.System)));
        Assert.All(received, r => Assert.StartsWith("application/cloudevents+json", r.ContentType, StringComparison.Ordinal));

        // The log tells the story: refused attempts of the first event, the 503, then a success per event.
        var log = await hub.DeliveriesAsync("supervision");
        var first = log.Select(d => d!.AsObject()).Where(d => d["eventId"]!.GetValue<string>() == received[0].Headers.Id).OrderBy(d => d["id"]!.GetValue<long>()).ToList();
        Assert.True(first.Count >= 4);
        Assert.Equal(Enumerable.Range(1, first.Count), first.Select(d => d["attempt"]!.GetValue<int>()));
        Assert.Equal(503, first[^2]["statusCode"]!.GetValue<int>());
        Assert.NotNull(first[^2]["nextAttemptAt"]);
        Assert.Equal(200, first[^1]["statusCode"]!.GetValue<int>());
        Assert.Equal("ok", first[^1]["response"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task SubscriberScopedToOneRegion_NeverReceivesARecordOfAnother_AndIdentifiersAreMasked(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, 40);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory, WebhookTesting.Settings());
        // The region is chosen after the sync, so subscribe to a catch-all first to learn it, then replay from the start.
        await hub.RunAsync(SampleDepartment.MarketRegulation.Id);
        await hub.RunAsync(SampleDepartment.EcologyEnvironment.Id);
        var all = await hub.ReadFeedAsync();
        await using var store = await hub.OpenStoreAsync();
        var regions = (await store.QueryAsync<(string EventId, string? Region)>("SELECT event_id AS EventId, region_code AS Region FROM change_log"))
            .ToDictionary(r => r.EventId, r => r.Region);
        var region = all.Where(HasPersonIdentifier).Select(e => regions[e["id"]!.GetValue<string>()]).First(r => r is not null)!;
        var expected = all.Where(e => regions[e["id"]!.GetValue<string>()] == region).ToList();
        Assert.True(expected.Count < all.Count, "the sample spans more than one region");

        await hub.CreateSubscriptionAsync("district", new JsonObject { ["regions"] = new JsonArray(region) });
        await hub.SetWebhookAsync("district", receiver.Url);
        var replay = await hub.Client.PostAsync("/api/v1/subscriptions/district/webhook/replay?since=2000-01-01", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, replay.StatusCode);
        await receiver.WaitForDistinctAsync(expected.Count);

        var received = receiver.Received.Select(r => r.Event).ToList();
        Assert.Equal(expected.Select(e => e["id"]!.GetValue<string>()), received.Select(e => e["id"]!.GetValue<string>()));
        Assert.All(received, e => Assert.StartsWith(region, regions[e["id"]!.GetValue<string>()]!, StringComparison.Ordinal));
        var identifiers = received.SelectMany(Counterparts).Where(c => c["idNumber"] is not null).ToList();
        Assert.NotEmpty(identifiers);
        Assert.All(identifiers, c =>
        {
            Assert.Contains("*", c["idNumber"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.StartsWith("hmac-sha256:", c["idNumberToken"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        var unmasked = expected.SelectMany(Counterparts).Select(c => c["idNumber"]?.GetValue<string>()).OfType<string>().ToHashSet();
        Assert.DoesNotContain(identifiers, c => unmasked.Contains(c["idNumber"]!.GetValue<string>()));
    }

    private static bool HasPersonIdentifier(JsonObject cloudEvent) => Counterparts(cloudEvent).Any(c => c["idNumber"] is not null);

    private static IEnumerable<JsonObject> Counterparts(JsonObject cloudEvent) =>
        cloudEvent["data"]?["record"]?["counterparts"] is JsonArray counterparts ? counterparts.OfType<JsonObject>() : [];
}
