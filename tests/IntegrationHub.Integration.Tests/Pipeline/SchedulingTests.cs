using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Pipeline;

public sealed class SchedulingTests
{
    [Fact]
    public async Task ConnectorOnAnInterval_RunsByItself_NeverTwiceAtOnce_AndStopsWhenDisabled()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 200);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, Directory.CreateTempSubdirectory("hub-connectors-").FullName);
        var definition = sources.DefinitionFor(SampleDepartment.All[0], "every-second");
        definition["schedule"] = new JsonObject { ["every"] = "00:00:01" };
        Assert.Equal(HttpStatusCode.Created, (await hub.Client.PostAsJsonAsync("/api/v1/connectors", definition)).StatusCode);

        var deadline = DateTime.UtcNow.AddMinutes(2);
        List<JsonObject> runs;
        do
        {
            await Task.Delay(250);
            runs = await RunsAsync(hub);
        }
        while (runs.Count(r => r["status"]!.GetValue<string>() == "completed") < 3 && DateTime.UtcNow < deadline);

        var finished = runs.Where(r => r["status"]!.GetValue<string>() == "completed").OrderBy(r => r["startedAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.True(finished.Count >= 3, $"only {finished.Count} scheduled runs completed");
        Assert.All(finished, r => Assert.Equal("schedule", r["trigger"]!.GetValue<string>()));
        for (var i = 1; i < finished.Count; i++)
            Assert.True(finished[i]["startedAt"]!.GetValue<DateTimeOffset>() >= finished[i - 1]["finishedAt"]!.GetValue<DateTimeOffset>(), "two runs of one connector overlapped");
        Assert.Equal(await sources.CountAsync(SampleDepartment.All[0]), finished[0]["pulled"]!.GetValue<long>());
        Assert.All(finished.Skip(1), r => Assert.Equal(0, r["pulled"]!.GetValue<long>()));

        await hub.Client.PostAsync("/api/v1/connectors/every-second/disable", null);
        await Task.Delay(1500); // a run under way may finish
        var before = (await RunsAsync(hub)).Count;
        await Task.Delay(3000);
        Assert.Equal(before, (await RunsAsync(hub)).Count);
    }

    private static async Task<List<JsonObject>> RunsAsync(TestHub hub) =>
        (await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/connectors/every-second/runs?limit=100"))!.Select(r => r!.AsObject()).ToList();
}
