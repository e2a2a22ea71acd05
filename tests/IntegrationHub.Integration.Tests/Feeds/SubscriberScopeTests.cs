using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Feeds;

/// <summary>Invariant 7 on the pull feed and the record API: a subscriber sees its scope only, identifiers masked without pii:read.</summary>
public sealed class SubscriberScopeTests
{
    private const int CasesPerDepartment = 300;

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ASubscriberScopedToOneRegion_NeverReadsARecordOfAnother_OnTheFeedOrTheRecordApi(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        foreach (var department in SampleDepartment.All)
            await hub.RunAsync(department.Id);
        var everything = await hub.ReadFeedAsync();
        var (inside, outside) = PickRegion(everything);

        await hub.CreateSubscriptionAsync("one-region", new JsonObject { ["regions"] = new JsonArray(inside) });
        using var subscriber = await hub.SubscriberClientAsync("one-region", "feed:read", "records:read");

        var feed = await subscriber.ReadWholeFeedAsync();
        Assert.NotEmpty(feed);
        Assert.All(feed, e => Assert.StartsWith(inside, Subscribers.RegionOf(e["data"]!["record"]!), StringComparison.Ordinal));
        Assert.Equal(everything.Count(e => Subscribers.RegionOf(e["data"]!["record"]!).StartsWith(inside, StringComparison.Ordinal)), feed.Count);

        var records = await ReadAllRecordsAsync(subscriber);
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.StartsWith(inside, Subscribers.RegionOf(r["record"]!), StringComparison.Ordinal));

        var foreign = everything.First(e => Subscribers.RegionOf(e["data"]!["record"]!).StartsWith(outside, StringComparison.Ordinal))["subject"]!.GetValue<string>();
        foreach (var path in new[] { "", "/history", "/lineage", "/conflicts" })
            Assert.Equal(HttpStatusCode.NotFound, (await subscriber.GetAsync($"/api/v1/records/{foreign}{path}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client.GetAsync($"/api/v1/records/{foreign}")).StatusCode);

        // A query filter narrows further but cannot reach outside the scope.
        Assert.Empty(await subscriber.ReadWholeFeedAsync($"&region={outside}"));
        Assert.Equal(feed.Count, (await subscriber.ReadWholeFeedAsync("&region=" + inside[..2])).Count);
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task IdNumbers_AreMaskedWithAStableToken_UnlessTheKeyHoldsPiiRead(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        foreach (var department in SampleDepartment.All)
            await hub.RunAsync(department.Id);
        var original = (await hub.ReadFeedAsync()).First(e => PersonOf(e["data"]!["record"]!) is not null);
        var recordId = original["subject"]!.GetValue<string>();
        var idNumber = PersonOf(original["data"]!["record"]!)!["idNumber"]!.GetValue<string>();
        Assert.Equal(18, idNumber.Length);

        await hub.CreateSubscriptionAsync("everything", new JsonObject());
        using var masked = await hub.SubscriberClientAsync("everything", "feed:read", "records:read");
        using var cleared = await hub.SubscriberClientAsync("everything", "feed:read", "records:read", "pii:read");

        var maskedFeed = await masked.ReadWholeFeedAsync();
        Assert.DoesNotContain(idNumber, string.Concat(maskedFeed.Select(e => e.ToJsonString())), StringComparison.Ordinal);
        var maskedEvent = maskedFeed.Single(e => e["id"]!.GetValue<string>() == original["id"]!.GetValue<string>());
        var person = PersonOf(maskedEvent["data"]!["record"]!)!;
        Assert.Equal(idNumber[..6] + "********" + idNumber[^4..], person["idNumber"]!.GetValue<string>());
        // No personal data in the CloudEvents attributes either.
        Assert.Equal(recordId, maskedEvent["subject"]!.GetValue<string>());

        var maskedRecord = (await masked.GetFromJsonAsync<JsonObject>($"/api/v1/records/{recordId}"))!;
        Assert.DoesNotContain(idNumber, maskedRecord.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(person["idNumberToken"]!.GetValue<string>(), PersonOf(maskedRecord["record"]!)!["idNumberToken"]!.GetValue<string>());
        var history = (await masked.GetFromJsonAsync<JsonObject>($"/api/v1/records/{recordId}/history"))!;
        Assert.DoesNotContain(idNumber, history.ToJsonString(), StringComparison.Ordinal);

        var clearedEvent = (await cleared.ReadWholeFeedAsync()).Single(e => e["id"]!.GetValue<string>() == original["id"]!.GetValue<string>());
        Assert.Equal(idNumber, PersonOf(clearedEvent["data"]!["record"]!)!["idNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task AFilterOutsideTheScope_IsRefused_NamingTheFieldTheValueAndTheRule()
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, empty);
        await hub.CreateSubscriptionAsync("shenzhen", new JsonObject { ["regions"] = new JsonArray("4403"), ["categories"] = new JsonArray("penalty") });
        using var subscriber = await hub.SubscriberClientAsync("shenzhen", "feed:read");

        var widen = await subscriber.PutAsJsonAsync("/api/v1/subscriptions/shenzhen/filter", new JsonObject { ["regions"] = new JsonArray("44") });
        Assert.Equal(HttpStatusCode.Forbidden, widen.StatusCode);
        var problem = (await widen.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("filter.regions", problem["parameter"]!.GetValue<string>());
        Assert.Equal("44", problem["value"]!.GetValue<string>());
        Assert.Equal("scope.narrow-only", problem["rule"]!.GetValue<string>());

        var narrow = await subscriber.PutAsJsonAsync("/api/v1/subscriptions/shenzhen/filter", new JsonObject { ["regions"] = new JsonArray("440305") });
        Assert.Equal(HttpStatusCode.OK, narrow.StatusCode);
        var view = (await narrow.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("440305", view["effectiveScope"]!["regions"]![0]!.GetValue<string>());
        Assert.Equal("penalty", view["effectiveScope"]!["categories"]![0]!.GetValue<string>());

        // The scope itself is the administrator's: a subscriber cannot replace it, nor read another subscription.
        await hub.CreateSubscriptionAsync("guangzhou", new JsonObject { ["regions"] = new JsonArray("4401") });
        Assert.Equal(HttpStatusCode.Forbidden, (await subscriber.PutAsJsonAsync("/api/v1/subscriptions/shenzhen",
            new JsonObject { ["name"] = "x", ["scope"] = new JsonObject() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await subscriber.GetAsync("/api/v1/subscriptions/guangzhou")).StatusCode);
        var mine = (await subscriber.GetFromJsonAsync<JsonArray>("/api/v1/subscriptions"))!;
        Assert.Equal(["shenzhen"], mine.Select(s => s!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SubscriberKeys_AreShownOnce_RotateWithinTheirOwnScopes_AndStopWhenRevoked()
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, empty);
        await hub.CreateSubscriptionAsync("bureau", new JsonObject());
        using var first = await hub.SubscriberClientAsync("bureau", "feed:read", "webhooks:manage");

        // The subscriber issues its next key itself, with at most its own scopes.
        var escalate = await first.PostAsJsonAsync("/api/v1/subscriptions/bureau/keys",
            new JsonObject { ["name"] = "next", ["scopes"] = new JsonArray("feed:read", "pii:read") });
        Assert.Equal(HttpStatusCode.Forbidden, escalate.StatusCode);
        Assert.Equal("pii:read", (await escalate.Content.ReadFromJsonAsync<JsonObject>())!["value"]!.GetValue<string>());
        var rotated = await first.PostAsJsonAsync("/api/v1/subscriptions/bureau/keys",
            new JsonObject { ["name"] = "next", ["scopes"] = new JsonArray("feed:read") });
        Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
        var issued = (await rotated.Content.ReadFromJsonAsync<JsonObject>())!;
        var key = issued["key"]!.GetValue<string>();
        using var second = hub.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/feed")).StatusCode);

        // Listed by prefix, never the key; both active during rotation.
        var keys = (await first.GetFromJsonAsync<JsonArray>("/api/v1/subscriptions/bureau/keys"))!;
        Assert.Equal(2, keys.Count);
        Assert.DoesNotContain(key, keys.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(keys, k => key.StartsWith(k!["prefix"]!.GetValue<string>(), StringComparison.Ordinal));

        var oldId = keys.First(k => !key.StartsWith(k!["prefix"]!.GetValue<string>(), StringComparison.Ordinal))!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await second.DeleteAsync($"/api/v1/subscriptions/bureau/keys/{oldId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/feed")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/feed")).StatusCode);

        // Removing the subscription revokes every key at once.
        Assert.Equal(HttpStatusCode.NoContent, (await hub.Client.DeleteAsync("/api/v1/subscriptions/bureau")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/feed")).StatusCode);

        // Every one of those administrative steps is in the audit log, with who did it; the refused escalation is not.
        var audit = (await hub.GetJsonAsync("/api/v1/audit?limit=100"))["data"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var steps = audit.Select(e => (e["action"]!.GetValue<string>(), e["target"]!.GetValue<string>())).Reverse().ToList();
        Assert.Equal(
            [("subscription.create", "bureau"), ("key.issue", "bureau"), ("key.issue", "bureau"), ("key.revoke", "bureau"), ("subscription.remove", "bureau")],
            steps);
        Assert.Equal("test key", audit[2]["actorName"]!.GetValue<string>()); // newest first: the subscriber's own key issued the second key
        Assert.Contains(oldId, audit.Single(e => e["action"]!.GetValue<string>() == "key.revoke")["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScopeWithAMalformedValue_IsRefused_NamingEachFieldAndRule()
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, empty);

        var response = await hub.Client.PostAsJsonAsync("/api/v1/subscriptions", new JsonObject
        {
            ["id"] = "bad",
            ["name"] = "bad",
            ["scope"] = new JsonObject { ["regions"] = new JsonArray("44x"), ["agencies"] = new JsonArray("123"), ["eventTypes"] = new JsonArray("merged") },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("scope.regions[0]", errors.Select(e => e.Key));
        Assert.Contains("scope.agencies[0]", errors.Select(e => e.Key));
        Assert.Contains("scope.eventTypes[0]", errors.Select(e => e.Key));
    }

    internal static (string Inside, string Outside) PickRegion(IReadOnlyList<JsonObject> events)
    {
        var byPrefix = events.GroupBy(e => Subscribers.RegionOf(e["data"]!["record"]!)[..4]).OrderByDescending(g => g.Count()).ToList();
        Assert.True(byPrefix.Count >= 2, "The sample data should span at least two prefectures.");
        return (byPrefix[0].Key, byPrefix[1].Key);
    }

    private static JsonNode? PersonOf(JsonNode record) =>
        record["counterparts"]?.AsArray().FirstOrDefault(c => c!["kind"]!.GetValue<string>() == "naturalPerson" && c["idNumber"] is not null);

    private static async Task<List<JsonObject>> ReadAllRecordsAsync(HttpClient client)
    {
        var records = new List<JsonObject>();
        string? after = null;
        while (true)
        {
            var page = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/records?limit=1000{(after is null ? "" : "&after=" + after)}"))!;
            records.AddRange(page["data"]!.AsArray().Select(r => r!.AsObject()));
            after = page["next"]?.GetValue<string>();
            if (after is null)
                return records;
        }
    }
}
