using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Api;

/// <summary>Invariant 7: a department's IT key manages only that department's connectors.</summary>
public sealed class DepartmentKeyTests
{
    [Fact]
    public async Task ADepartmentKey_SeesAndManagesOnlyItsOwnDepartmentsConnectors()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 50);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        var own = SampleDepartment.MarketRegulation;
        var other = SampleDepartment.All.First(d => d != own);
        var issued = await hub.Client.PostAsJsonAsync("/api/v1/keys", new JsonObject
        {
            ["name"] = "市场监管局 信息中心",
            ["role"] = "department",
            ["department"] = own.Id,
        });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        using var department = hub.ClientWithKey((await issued.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>());

        var listed = (await department.GetFromJsonAsync<JsonArray>("/api/v1/connectors"))!;
        Assert.Equal([own.Id], listed.Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await department.GetAsync($"/api/v1/connectors/{own.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await department.PostAsync($"/api/v1/connectors/{own.Id}/runs", null)).StatusCode);

        foreach (var path in new[] { $"/api/v1/connectors/{other.Id}", $"/api/v1/connectors/{other.Id}/runs" })
            Assert.Equal(HttpStatusCode.Forbidden, (await department.GetAsync(path)).StatusCode);
        var foreignRun = await department.PostAsync($"/api/v1/connectors/{other.Id}/runs", null);
        Assert.Equal(HttpStatusCode.Forbidden, foreignRun.StatusCode);
        var problem = (await foreignRun.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("department.own-connectors", problem["rule"]!.GetValue<string>());
        Assert.Equal(other.Id, problem["value"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await department.PostAsync($"/api/v1/connectors/{other.Id}/disable", null)).StatusCode);

        var foreignDefinition = sources.DefinitionFor(other, "someone-elses");
        Assert.Equal(HttpStatusCode.Forbidden, (await department.PostAsJsonAsync("/api/v1/connectors", foreignDefinition)).StatusCode);
        var ownDefinition = sources.DefinitionFor(own, "market-regulation-copy");
        Assert.Equal(HttpStatusCode.Created, (await department.PostAsJsonAsync("/api/v1/connectors", ownDefinition)).StatusCode);

        // Nothing else opens to a department key: not the keys, the subscriptions or the whole quarantine.
        foreach (var path in new[] { "/api/v1/keys", "/api/v1/quarantine", "/api/v1/sync/summary" })
            Assert.Equal(HttpStatusCode.Forbidden, (await department.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task ADepartmentKeyWithoutADepartment_IsRefused_NamingTheField()
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, empty);

        var response = await hub.Client.PostAsJsonAsync("/api/v1/keys", new JsonObject { ["name"] = "x", ["role"] = "department" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("department"));
    }
}
