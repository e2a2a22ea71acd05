using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Feeds.Webhooks;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using IntegrationHub.Store.Sql;
using Microsoft.Extensions.DependencyInjection;

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

        // The log tells the story: refused attempts of the first event, the 503, then a success per event. Successes
        // are saved in groups (Hub:Webhooks:SaveEvery / SaveInterval), so the last ones may land just after the receipt.
        await WebhookTesting.WaitUntilAsync(
            async () => (await hub.DeliveriesAsync("supervision")).Count(d => d!["statusCode"]?.GetValue<int>() == 200) >= expected.Count,
            "a logged success for every event");
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
    public async Task SuccessesAreSavedInGroupsOfAtMostSaveEvery_AFailureSavesThoseBeforeIt_AndNoEventIsSentTwiceOrLeftOut(HubStack stack)
    {
        const int saveEvery = 5;
        await using var sources = await SampleSources.CreateAsync(stack, 20);
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = WebhookTesting.Settings();
        settings["Hub:Webhooks:SaveEvery"] = saveEvery.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Hub:Webhooks:SaveInterval"] = "00:01:00";
        CountingCursors? cursors = null;
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory, settings, services: services =>
            services.AddSingleton<IDeliveryCursors>(sp => cursors = new CountingCursors(
                new SqlDeliveryCursors(sp.GetRequiredService<StoreDialect>(), sp.GetRequiredService<TimeProvider>()))));
        await hub.CreateSubscriptionAsync("supervision");
        await hub.SetWebhookAsync("supervision", receiver.Url);
        // Seven answered 200, the eighth 503 (then 200 again): two successes wait unsaved when the failure comes.
        receiver.AnswerNext([.. Enumerable.Repeat(200, 7), 503]);

        await hub.RunAsync(SampleDepartment.MarketRegulation.Id);
        var expected = await hub.ReadFeedAsync();
        Assert.True(expected.Count > 2 * saveEvery, $"{expected.Count} events");
        await receiver.WaitForDistinctAsync(expected.Count);
        await WebhookTesting.WaitUntilAsync(async () => (await hub.DeliveriesAsync("supervision")).Count == expected.Count + 1, "every attempt in the delivery log");

        var ids = expected.Select(e => e["id"]!.GetValue<string>()).ToList();
        var received = receiver.Received.Select(r => r.Headers.Id).ToList();
        // Each event once, in order, except the eighth, sent again after its 503.
        Assert.Equal([.. ids[..8], ids[7], .. ids[8..]], received);
        var log = (await hub.DeliveriesAsync("supervision")).Select(d => d!.AsObject()).OrderBy(d => d["id"]!.GetValue<long>()).ToList();
        Assert.Equal(received, log.Select(d => d["eventId"]!.GetValue<string>()));
        Assert.Equal([1, 2], log.Where(d => d["eventId"]!.GetValue<string>() == ids[7]).Select(d => d["attempt"]!.GetValue<int>()));
        Assert.All(log.Where(d => d["eventId"]!.GetValue<string>() != ids[7]), d => Assert.Equal(1, d["attempt"]!.GetValue<int>()));

        // Saved in groups: never more than SaveEvery successes (plus the failed attempt) at once, and not one by one.
        var saves = cursors!.Attempts.ToList();
        Assert.Equal(log.Count, saves.Sum());
        Assert.All(saves, count => Assert.InRange(count, 0, saveEvery + 1));
        Assert.Contains(saveEvery, saves);
        Assert.True(saves.Count(c => c > 0) < log.Count / 2, $"saves of {string.Join(", ", saves)} for {log.Count} attempts");
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
