using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Pipeline;

/// <summary>Invariant 5: a quarantined record is recoverable — after its mapping is fixed it is replayed and stored.</summary>
public sealed class QuarantineReplayTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task QuarantinedRecords_AfterTheirMappingIsFixed_AreReplayedStoredAndCountsConserve(HubStack stack)
    {
        var department = SampleDepartment.EcologyEnvironment;
        await using var sources = await SampleSources.CreateAsync(stack, 400);
        var fixMapping = await sources.BreakCategoryMappingAsync(department);
        await using var settings = await HubSettings.CreateAsync(stack, sources.ConnectorsDirectory);

        long unknownCodes;
        await using (var hub = await TestHub.StartAsync(settings))
        {
            var run = await hub.RunAsync(department.Id);
            unknownCodes = await CountQuarantineAsync(hub, department.Id, "open", "mapping.code-unknown");
            Assert.True(unknownCodes > 0);
            Assert.Equal(await CountQuarantineAsync(hub, department.Id, "open", rule: null), run["quarantined"]!.GetValue<long>());
            Assert.True(run["quarantined"]!.GetValue<long>() > sources.DefectiveRowsOf(department));
        }

        // The operator fixes the mapping (and raises its version) and restarts the hub.
        await fixMapping();
        await using (var hub = await TestHub.StartAsync(settings))
        {
            var response = await hub.Client.PostAsJsonAsync("/api/v1/quarantine/replay", new { connector = department.Id, rule = "mapping.code-unknown" });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var accepted = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal(unknownCodes, accepted!["replays"]![0]!["selected"]!.GetValue<long>());

            var replay = await hub.WaitForRunAsync(department.Id, "replay");
            Assert.Equal("completed", replay["status"]!.GetValue<string>());
            Assert.Equal(unknownCodes, replay["pulled"]!.GetValue<long>());
            var stored = replay["inserted"]!.GetValue<long>() + replay["updated"]!.GetValue<long>() + replay["unchanged"]!.GetValue<long>();
            var stillBroken = replay["quarantined"]!.GetValue<long>(); // rows that also carry a real defect
            Assert.Equal(unknownCodes, stored + stillBroken);
            Assert.True(stored > 0);

            Assert.Equal(0, await CountQuarantineAsync(hub, department.Id, "open", "mapping.code-unknown"));
            Assert.Equal(stored, await CountQuarantineAsync(hub, department.Id, "resolved", "mapping.code-unknown"));
            Assert.Equal(sources.DefectiveRowsOf(department), await CountQuarantineAsync(hub, department.Id, "open", rule: null));
            Assert.Equal(sources.ValidRowsOf(department), (await hub.Store.GetSyncSummaryAsync(CancellationToken.None)).Single(s => s.ConnectorId == department.Id).SourceRecords);
        }
    }

    private static async Task<long> CountQuarantineAsync(TestHub hub, string connector, string status, string? rule)
    {
        var page = await hub.GetJsonAsync($"/api/v1/quarantine?connector={connector}&status={status}&limit=1000{(rule is null ? "" : "&rule=" + rule)}");
        return page["data"]!.AsArray().Count;
    }
}
