using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Rest;
using IntegrationHub.Integration.Tests.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Integration.Tests.Connectors.Rest;

/// <summary>
/// A rest connector run by a whole hub: the ecology department's cases served by an HTTP API, mapped with the bundled
/// ecology-environment mapping. The stored checkpoint never moves past what was stored.
/// </summary>
public sealed class RestHubTests
{
    private const int PageSize = 10;

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task Run_FailingOnPage3_StoresTheCheckpointOfPage2_AndTheNextRunCompletesWithEveryRecordOnce(HubStack stack)
    {
        var rows = EcologyRecords.Valid(45);
        var failing = true;
        TestHub? running = null;
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/ecology/cases", async (int page, int pageSize) =>
        {
            if (page != 3 || !Volatile.Read(ref failing))
                return Respond.Wrapped(Respond.Slice(rows, (page - 1) * pageSize, pageSize), rows.Count);
            // The runner fails a run as soon as the read fails, and batches stored after that never move the checkpoint:
            // fail only once pages 1 and 2 are stored, as a slow failure would.
            await WaitForCheckpointAsync(running!, "ecology-rest", page: 3);
            return Results.Text("upstream database unavailable", statusCode: 503);
        }));
        var connectors = RestConnectors.Write("ecology-rest", new JsonObject
        {
            ["url"] = api.Url("/ecology/cases").AbsoluteUri,
            ["recordsPath"] = "data.items",
            ["pageSize"] = PageSize,
            ["pagination"] = new JsonObject { ["type"] = "page" },
            ["resilience"] = RestConnectorHarness.FastResilience(maxRetries: 1),
        });
        await using var hub = running = await TestHub.StartAsync(stack, connectors);

        var failed = await hub.RunAsync("ecology-rest");
        var stored = RestCheckpoint.Parse(await hub.Store.GetCheckpointAsync("ecology-rest", CancellationToken.None));
        Volatile.Write(ref failing, false);
        var before = api.Requests.Count;
        var completed = await hub.RunAsync("ecology-rest");

        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Contains("HTTP 503", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("/ecology/cases?page=3", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(20, failed["pulled"]!.GetValue<long>());
        Assert.Equal(3, stored.Next!.Page);
        Assert.Equal("3", api.Requests.Skip(before).First()["page"]);
        Assert.Equal("completed", completed["status"]!.GetValue<string>());
        Assert.Equal(25, completed["pulled"]!.GetValue<long>());
        Assert.Equal(rows.Count, failed["inserted"]!.GetValue<long>() + completed["inserted"]!.GetValue<long>());
        Assert.Equal(rows.Count, await hub.Store.CountRecordsAsync(CancellationToken.None));
        Assert.False(RestCheckpoint.Parse(await hub.Store.GetCheckpointAsync("ecology-rest", CancellationToken.None)).InProgress);
        Directory.Delete(connectors, recursive: true);
    }

    private static async Task WaitForCheckpointAsync(TestHub hub, string connectorId, long page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (RestCheckpoint.Parse(await hub.Store.GetCheckpointAsync(connectorId, CancellationToken.None)).Next?.Page != page && DateTime.UtcNow < deadline)
            await Task.Delay(50);
    }

    [Fact]
    public async Task CheckAndFailingRun_ThroughTheHub_NeverShowTheSecret()
    {
        const string secret = "Sk-Hub-Visible-Nowhere-7731";
        // A careless gateway that echoes the whole request address, API key included, in its error page.
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/ecology/cases", (HttpRequest request) =>
            Results.Text($"backend error for {request.Path}{request.QueryString} key={request.Query["key"]}", statusCode: 500)));
        var connectors = RestConnectors.Write("ecology-rest-secret", new JsonObject
        {
            ["url"] = api.Url("/ecology/cases").AbsoluteUri,
            ["auth"] = new JsonObject { ["type"] = "apiKey", ["in"] = "query", ["name"] = "key", ["apiKey"] = secret },
            ["resilience"] = RestConnectorHarness.FastResilience(maxRetries: 1),
        });
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, connectors);

        var check = await hub.Client.PostAsync("/api/v1/connectors/ecology-rest-secret/check", null);
        var checkBody = await check.Content.ReadAsStringAsync();
        var run = await hub.RunAsync("ecology-rest-secret");
        var shown = await hub.Client.GetStringAsync("/api/v1/connectors/ecology-rest-secret");

        Assert.Contains("HTTP 500", checkBody, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, checkBody, StringComparison.Ordinal);
        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Contains("backend error", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, run.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        Assert.All(api.Requests, r => Assert.Equal(secret, r["key"]));
        Directory.Delete(connectors, recursive: true);
    }
}
