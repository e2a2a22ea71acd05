using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Cli;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Cli;

/// <summary><c>hub status</c> against a real hub: the same numbers as <c>GET /api/v1/sync/summary</c>, with each connector's health.</summary>
public sealed class StatusCommandTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task StatusJsonAndTheDashboard_ShowTheSyncSummarysCountsPerConnector_WithItsHealth_AndEachSubscriptionsBacklog(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, 80);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        await hub.CreateSubscriptionAsync("reader");
        using var reader = await hub.SubscriberClientAsync("reader", "feed:read");
        await reader.ReadWholeFeedAsync(); // its position: the start, before anything was stored
        foreach (var department in SampleDepartment.All)
            await hub.RunAsync(department.Id);

        // Test connectors run only when asked, so nothing changes between the two reads.
        var summary = (await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/sync/summary"))!;
        var status = await HubCommandLine.RunAsync(hub, "status", "--json");

        Assert.True(status.ExitCode == ExitCodes.Ok, status.ToString());
        var connectors = JsonNode.Parse(status.Output)!["connectors"]!.AsArray();
        Assert.Equal(summary.Select(s => s!["id"]!.GetValue<string>()), connectors.Select(c => c!["id"]!.GetValue<string>()));
        foreach (var expected in summary)
        {
            var actual = connectors.Single(c => c!["id"]!.GetValue<string>() == expected!["id"]!.GetValue<string>())!;
            Assert.True(expected!["lastRun"]!["pulled"]!.GetValue<long>() > 0);
            foreach (var count in new[] { "pulled", "inserted", "updated", "unchanged", "quarantined" })
                Assert.Equal(expected["lastRun"]![count]!.GetValue<long>(), actual["lastRun"]![count]!.GetValue<long>());
            Assert.Equal(expected["openQuarantine"]!.GetValue<long>(), actual["openQuarantine"]!.GetValue<long>());
            Assert.Equal(expected["sourceRecords"]!.GetValue<long>(), actual["sourceRecords"]!.GetValue<long>());
            Assert.Contains(actual["state"]!.GetValue<string>(), new[] { "healthy", "degraded" });
        }

        // The subscription's backlog: every event since its reader last asked, as the health API counts it.
        var subscription = JsonNode.Parse(status.Output)!["subscriptions"]!.AsArray().Single()!;
        Assert.Equal("reader", subscription["id"]!.GetValue<string>());
        Assert.Equal((await hub.ReadFeedAsync()).Count, subscription["backlog"]!.GetValue<long>());

        // The dashboard's overview carries the same quarantine counts and the same backlog.
        using var session = await DashboardSession.SignInAsync(hub, hub.Client.DefaultRequestHeaders.Authorization!.Parameter!);
        var overview = await session.Client.GetStringAsync("/");
        foreach (var expected in summary)
        {
            Assert.Contains($"data-connector=\"{expected!["id"]!.GetValue<string>()}\"", overview, StringComparison.Ordinal);
            Assert.Matches($"data-connector=\"{expected["id"]!.GetValue<string>()}\"[^>]*data-quarantine=\"{expected["openQuarantine"]!.GetValue<long>()}\"", overview);
        }

        Assert.Contains($"data-subscription=\"reader\" data-health=\"{subscription["state"]!.GetValue<string>()}\" data-backlog=\"{subscription["backlog"]!.GetValue<long>()}\"", overview, StringComparison.Ordinal);

        var table = await HubCommandLine.RunAsync(hub, "status");
        Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
        Assert.StartsWith("CONNECTOR", table.Output, StringComparison.Ordinal);
        Assert.All(summary, s => Assert.Contains(s!["id"]!.GetValue<string>(), table.Output, StringComparison.Ordinal));
    }
}
