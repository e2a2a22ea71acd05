using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Feeds;

/// <summary>Resuming the pull feed: long-poll, Server-Sent Events with Last-Event-ID, retention (410) and malformed cursors (400).</summary>
public sealed class FeedResumeTests
{
    private const int CasesPerDepartment = 200;

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task TheStream_ResumedFromLastEventId_DeliversEveryEventOnceInOrder(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        foreach (var department in SampleDepartment.All)
            await hub.RunAsync(department.Id);
        var expected = (await hub.ReadFeedAsync()).Select(e => e["id"]!.GetValue<string>()).ToList();
        Assert.True(expected.Count > 150);

        // First connection: read 150 change events, then drop the connection.
        var (firstPart, lastId) = await ReadStreamAsync(hub.Client, null, 150);
        // Second connection resumes with the id of the last event seen, like a browser's EventSource.
        var (secondPart, _) = await ReadStreamAsync(hub.Client, lastId, expected.Count - 150);

        Assert.Equal(expected, [.. firstPart, .. secondPart]);
    }

    [Fact]
    public async Task AStreamWithNothingInScope_SendsBookmarksThatMoveTheCursor()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        await hub.RunAsync(SampleDepartment.All[0].Id);
        await hub.CreateSubscriptionAsync("nowhere", new JsonObject { ["regions"] = new JsonArray("99") });
        using var subscriber = await hub.SubscriberClientAsync("nowhere", "feed:read");

        using var response = await subscriber.GetAsync("/api/v1/feed/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync();
        var first = await SseParser.Create(body).EnumerateAsync().FirstAsync();

        Assert.Equal("bookmark", first.EventType);
        var page = (await subscriber.GetFromJsonAsync<JsonObject>("/api/v1/feed"))!;
        Assert.Empty(page["data"]!.AsArray());
        Assert.Equal(page["next_cursor"]!.GetValue<string>(), first.EventId);
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ACursorOlderThanTheRetention_Gets410_WithTheOldestCursorAndTheWayToResync(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        await hub.RunAsync(SampleDepartment.All[0].Id);
        var start = (await hub.GetJsonAsync("/api/v1/feed?limit=1"))["next_cursor"]!.GetValue<string>();

        // Retention passes over everything stored so far; a resync reads the records and continues from their feed cursor.
        Assert.True(await hub.Store.PruneChangesAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None) > 0);
        var expired = await hub.Client.GetAsync($"/api/v1/feed?after={start}");
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("application/problem+json", expired.Content.Headers.ContentType!.MediaType);
        var problem = (await expired.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("cursor.retention", problem["rule"]!.GetValue<string>());
        Assert.Equal("/api/v1/records", problem["resync"]!.GetValue<string>());
        var streamExpired = await hub.Client.GetAsync($"/api/v1/feed/stream?after={start}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Gone, streamExpired.StatusCode);

        var snapshot = await hub.GetJsonAsync("/api/v1/records?limit=1");
        var resumeFrom = snapshot["feed_cursor"]!.GetValue<string>();
        Assert.Equal(problem["oldest_available"]!.GetValue<string>(), resumeFrom);
        await sources.ChangeAsync(SampleDepartment.All[0], 3, seed: 11);
        await hub.RunAsync(SampleDepartment.All[0].Id);
        var after = await hub.GetJsonAsync($"/api/v1/feed?after={resumeFrom}");
        Assert.Equal(3, after["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task AMalformedCursor_Gets400_NamingTheParameterAndTheRule()
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, empty);

        foreach (var path in new[] { "/api/v1/feed?after=not-a-cursor", "/api/v1/feed/stream?after=not-a-cursor", "/api/v1/feed?wait=31" })
        {
            var response = await hub.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.NotNull(problem["rule"]);
            Assert.NotNull(problem["parameter"]);
        }
    }

    [Fact]
    public async Task ALongPoll_AtTheHeadOfTheFeed_ReturnsTheEventThatArrivesWhileItWaits()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        var department = SampleDepartment.All[0];
        await hub.RunAsync(department.Id);
        var head = (await hub.ReadFeedAsync()).Count;
        var cursor = await HeadCursorAsync(hub.Client);

        var waiting = hub.Client.GetFromJsonAsync<JsonObject>($"/api/v1/feed?after={cursor}&wait=30");
        await sources.ChangeAsync(department, 1, seed: 3);
        await hub.RunAsync(department.Id);
        var page = (await waiting)!;

        Assert.Single(page["data"]!.AsArray());
        Assert.Equal(head + 1, (await hub.ReadFeedAsync()).Count);
    }

    private static async Task<string> HeadCursorAsync(HttpClient client)
    {
        string? cursor = null;
        while (true)
        {
            var page = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/feed?limit=1000{(cursor is null ? "" : "&after=" + cursor)}"))!;
            cursor = page["next_cursor"]!.GetValue<string>();
            if (!page["has_more"]!.GetValue<bool>())
                return cursor;
        }
    }

    private static async Task<(List<string> Ids, string? LastEventId)> ReadStreamAsync(HttpClient client, string? lastEventId, int count)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/feed/stream");
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);

        var ids = new List<string>();
        string? last = lastEventId;
        await foreach (var item in SseParser.Create(body).EnumerateAsync(timeout.Token))
        {
            last = item.EventId ?? last;
            if (item.EventType != "change")
                continue;
            ids.Add(JsonNode.Parse(item.Data)!["id"]!.GetValue<string>());
            if (ids.Count == count)
                break;
        }

        return (ids, last);
    }
}
