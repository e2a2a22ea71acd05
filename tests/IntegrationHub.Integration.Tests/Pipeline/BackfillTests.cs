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
        var definition = sources.DefinitionFor(department, "ecology");
        Assert.Equal(HttpStatusCode.Created, (await hub.Client.PostAsJsonAsync("/api/v1/connectors", definition)).StatusCode);
        var first = await hub.RunAsync("ecology");
        var stored = first["inserted"]!.GetValue<long>();
        var feedBefore = (await hub.ReadFeedAsync()).Count;
        var checkpoint = await hub.Store.GetCheckpointAsync("ecology", CancellationToken.None);

        // The IT engineer changes the mapping (version 2): the case name now comes with its decision number.
        definition["mapping"]!["version"] = 2;
        definition["mapping"]!["fields"]!["caseName"] = new JsonObject { ["template"] = "{case_name}（{decision_no}）" };
        Assert.Equal(HttpStatusCode.OK, (await hub.Client.PutAsJsonAsync("/api/v1/connectors/ecology", definition)).StatusCode);

        var backfill = await BackfillAsync(hub, "ecology");

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

        var again = await BackfillAsync(hub, "ecology");
        Assert.Equal(stored, again["unchanged"]!.GetValue<long>());
        Assert.Equal(feedBefore + stored, (await hub.ReadFeedAsync()).Count);
        Assert.Equal(checkpoint, await hub.Store.GetCheckpointAsync("ecology", CancellationToken.None)); // the source was not read
    }

    private static async Task<JsonObject> BackfillAsync(TestHub hub, string id)
    {
        var run = await hub.RunAsync(id, action: "backfill");
        Assert.Equal("backfill", run["trigger"]!.GetValue<string>());
        return run;
    }
}
