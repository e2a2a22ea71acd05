using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Cli;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Cli;

/// <summary><c>hub subscriptions …</c> and <c>hub indicators</c> against a real hub (embedded stack).</summary>
public sealed class SubscriptionsCommandTests
{
    [Fact]
    public async Task CreateFilterIssueAndRevoke_ThroughTheCli_GiveAWorkingScopedKey()
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, empty);

        var created = await HubCommandLine.RunAsync(hub, "subscriptions", "create", "shenzhen", "--name", "深圳市司法局",
            "--region", "4403", "--category", "penalty", "--category", "licensing");
        Assert.True(created.ExitCode == ExitCodes.Ok, created.ToString());

        var filtered = await HubCommandLine.RunAsync(hub, "subscriptions", "filter", "shenzhen", "--region", "440305");
        Assert.True(filtered.ExitCode == ExitCodes.Ok, filtered.ToString());
        Assert.Contains("regions 440305; categories penalty,licensing", filtered.Output, StringComparison.Ordinal);

        var widened = await HubCommandLine.RunAsync(hub, "subscriptions", "filter", "shenzhen", "--region", "44");
        Assert.NotEqual(ExitCodes.Ok, widened.ExitCode);
        Assert.Contains("scope.narrow-only", widened.ToString(), StringComparison.Ordinal);

        var issued = await HubCommandLine.RunAsync(hub, "subscriptions", "issue-key", "shenzhen", "--name", "production", "--scope", "feed:read");
        Assert.True(issued.ExitCode == ExitCodes.Ok, issued.ToString());
        var key = issued.Output.Trim();
        using var subscriber = hub.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await subscriber.GetAsync("/api/v1/feed")).StatusCode);

        var list = await HubCommandLine.RunAsync(hub, "subscriptions", "list");
        Assert.Contains("shenzhen", list.Output, StringComparison.Ordinal);
        Assert.Contains("regions 4403", list.Output, StringComparison.Ordinal);

        var keys = await HubCommandLine.RunAsync(hub, "subscriptions", "keys", "shenzhen", "--json");
        var keyId = JsonNode.Parse(keys.Output)!.AsArray().Single()!["id"]!.GetValue<string>();
        Assert.DoesNotContain(key, keys.Output, StringComparison.Ordinal);
        var revoked = await HubCommandLine.RunAsync(hub, "subscriptions", "revoke-key", "shenzhen", keyId);
        Assert.True(revoked.ExitCode == ExitCodes.Ok, revoked.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await subscriber.GetAsync("/api/v1/feed")).StatusCode);
    }

    [Fact]
    public async Task Indicators_AsJson_AreTheApisFigures()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 150);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        foreach (var department in SampleDepartment.All)
            await hub.RunAsync(department.Id);
        var period = "2024";

        var json = await HubCommandLine.RunAsync(hub, "indicators", "--period", period, "--json");
        var table = await HubCommandLine.RunAsync(hub, "indicators", "--period", period);

        Assert.True(json.ExitCode == ExitCodes.Ok, json.ToString());
        var api = (await hub.Client.GetFromJsonAsync<JsonObject>($"/api/v1/indicators?period={period}"))!;
        Assert.True(JsonNode.DeepEquals(api["overall"], JsonNode.Parse(json.Output)!["overall"]));
        Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
        foreach (var row in api["overall"]!.AsArray())
            Assert.Contains(row!["indicator"]!.GetValue<string>(), table.Output, StringComparison.Ordinal);
    }
}
