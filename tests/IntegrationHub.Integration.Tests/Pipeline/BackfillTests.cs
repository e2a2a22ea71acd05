using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Pipeline;

public sealed class BackfillTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AfterAMappingChange_ABackfillRenormalizesEveryStoredRecord_ThroughTheNormalPath_AndASecondChangesNothing(HubStack stack)
    {
        var department = SampleDepartment.EcologyEnvironment;
        await using var sources = await SampleSources.CreateAsync(stack, 150);
        await using var hub = await TestHub.StartAsync(stack, Directory.CreateTempSubdirectory("hub-connectors-").FullName);
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(sources.ConnectorsDirectory, $"{department.Id}.connector.json")))!.AsObject();
        definition["id"] = "ecology";
        definition["mapping"] = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(sources.ConnectorsDirectory, definition["mapping"]!.GetValue<string>())));
        Assert.Equal(HttpStatusCode.Created, (await hub.Client.PostAsJsonAsync("/api/v1/connectors", definition)).StatusCode);
        var first = await hub.RunAsync("ecology");
        var stored = first["inserted"]!.GetValue<long>();
        var feedBefore = (await hub.ReadFeedAsync()).Count;
        var checkpoint = await hub.Store.GetCheckpointAsync("ecology", CancellationToken.None);

        // The IT engineer changes the mapping (version 2): the case name now comes with its decision number.
        definition["mapping"]!["version"] = 2;
        definition["mapping"]!["fields"]!["caseName"] = new JsonObject { ["template"] = "{case_name}（{decision_no}）" };
        Assert.Equal(HttpStatusCode.OK, (await hub.Client.PutAsJsonAsync("/api/v1/connectors/ecology", definition)).StatusCode);

        var backfill = await StartAndWaitAsync(hub, "ecology");

        Assert.Equal("completed", backfill["status"]!.GetValue<string>());
        Assert.Equal(stored, backfill["pulled"]!.GetValue<long>());
        Assert.Equal(stored, backfill["updated"]!.GetValue<long>());
        Assert.Equal(0, backfill["inserted"]!.GetValue<long>() + backfill["quarantined"]!.GetValue<long>());
        var events = (await hub.ReadFeedAsync()).Skip(feedBefore).ToList();
        Assert.Equal(stored, events.Count);
        var record = await hub.GetJsonAsync($"/api/v1/records/{events[0]["subject"]!.GetValue<string>()}");
        Assert.EndsWith("）", record["record"]!["caseName"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, record["record"]!["sources"]![0]!["mappingVersion"]!.GetValue<int>());
        Assert.Equal(2, record["version"]!.GetValue<int>());

        var again = await StartAndWaitAsync(hub, "ecology");
        Assert.Equal(stored, again["unchanged"]!.GetValue<long>());
        Assert.Equal(feedBefore + stored, (await hub.ReadFeedAsync()).Count);
        Assert.Equal(checkpoint, await hub.Store.GetCheckpointAsync("ecology", CancellationToken.None)); // the source was not read
    }

    private static async Task<JsonObject> StartAndWaitAsync(TestHub hub, string id)
    {
        var before = (await hub.Client.GetFromJsonAsync<JsonArray>($"/api/v1/connectors/{id}/runs?limit=1"))!.Single()!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Accepted, (await hub.Client.PostAsync($"/api/v1/connectors/{id}/backfill", null)).StatusCode);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var latest = (await hub.Client.GetFromJsonAsync<JsonArray>($"/api/v1/connectors/{id}/runs?limit=1"))!.Single()!.AsObject();
            if (latest["id"]!.GetValue<string>() != before && latest["status"]!.GetValue<string>() != "running")
            {
                Assert.Equal("backfill", latest["trigger"]!.GetValue<string>());
                return latest;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The backfill of {id} did not finish in time.");
    }
}
