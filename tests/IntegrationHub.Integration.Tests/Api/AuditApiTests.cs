using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IntegrationHub.Host.Security;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Api;

public sealed class AuditApiTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AdministrativeActionsThroughTheApi_AreInTheAuditLog_WithTheKeyThatDidThem_NewestFirstInPages(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, 5);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        var connector = SampleDepartment.MarketRegulation.Id;
        var registered = sources.DefinitionFor(SampleDepartment.EcologyEnvironment, "eco-copy");

        Assert.Equal(HttpStatusCode.Created, (await hub.Client.PostAsync("/api/v1/connectors", Json(registered))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client.PutAsync("/api/v1/connectors/eco-copy", Json(registered))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client.PostAsync($"/api/v1/connectors/{connector}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client.PostAsync($"/api/v1/connectors/{connector}/enable", null)).StatusCode);
        await hub.RunAsync(connector);
        await hub.RunAsync(connector, action: "backfill");
        Assert.Equal(HttpStatusCode.NoContent, (await hub.Client.DeleteAsync("/api/v1/connectors/eco-copy")).StatusCode);
        // A refused action is not an action: nothing is recorded for it.
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.PostAsync("/api/v1/connectors/no-such/runs", null)).StatusCode);

        var expected = new[]
        {
            ("connector.register", "eco-copy"), ("connector.change", "eco-copy"), ("connector.disable", connector), ("connector.enable", connector),
            ("connector.run", connector), ("connector.backfill", connector), ("connector.remove", "eco-copy"),
        };
        var first = await hub.GetJsonAsync("/api/v1/audit?limit=4");
        var second = await hub.GetJsonAsync($"/api/v1/audit?limit=4&before={first["next"]!.GetValue<long>()}");
        Assert.Null(second["next"]);
        var entries = first["data"]!.AsArray().Concat(second["data"]!.AsArray()).Select(e => e!.AsObject()).Reverse().ToList();
        Assert.Equal(expected, entries.Select(e => (e["action"]!.GetValue<string>(), e["target"]!.GetValue<string>())));
        Assert.All(entries, e =>
        {
            Assert.Equal(AdminKeyBootstrapper.KeyName, e["actorName"]!.GetValue<string>());
            Assert.StartsWith("key_", e["actorKeyId"]!.GetValue<string>());
            Assert.Equal("api", e["via"]!.GetValue<string>());
        });

        var runs = await hub.GetJsonAsync($"/api/v1/audit?action=connector.run&target={connector}");
        Assert.Single(runs["data"]!.AsArray());
    }

    [Fact]
    public async Task Audit_NeedsAnOperatorOrAdministrator_AndNamesAnUnknownActionInItsProblem()
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, empty);

        var bad = await hub.Client.GetAsync("/api/v1/audit?action=connector.explode");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!;
        Assert.Equal("action", problem["parameter"]!.GetValue<string>());
        Assert.Equal("connector.explode", problem["value"]!.GetValue<string>());
        Assert.Equal("action.known", problem["rule"]!.GetValue<string>());

        using var client = new HttpClient { BaseAddress = hub.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestKeys.IssueAsync(hub, "feed reader", HubRoles.Subscriber, HubScopes.FeedRead));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestKeys.IssueAsync(hub, "night shift", HubRoles.Operator));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/audit")).StatusCode);
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
