using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Pipeline;

/// <summary>Invariant 1 from the operator's side: a run that was asked for happens, even while another run is going.</summary>
public sealed class RunRequestTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ARunRequestedWhileTheConnectorIsRunning_WaitsAndRunsAfterIt_InsteadOfBeingDropped(HubStack stack)
    {
        var department = SampleDepartment.All[0];
        await using var sources = await SampleSources.CreateAsync(stack, 600);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);

        Assert.Equal(HttpStatusCode.Accepted, (await hub.Client.PostAsync($"/api/v1/connectors/{department.Id}/runs", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await hub.Client.PostAsync($"/api/v1/connectors/{department.Id}/runs", null)).StatusCode);

        var deadline = DateTime.UtcNow.AddMinutes(3);
        List<JsonObject> finished;
        do
        {
            await Task.Delay(200);
            finished = (await hub.Client.GetFromJsonAsync<JsonArray>($"/api/v1/connectors/{department.Id}/runs?limit=10"))!
                .Select(r => r!.AsObject()).Where(r => r["status"]!.GetValue<string>() == "completed").ToList();
        }
        while (finished.Count < 2 && DateTime.UtcNow < deadline);

        Assert.Equal(2, finished.Count);
        Assert.Equal(await sources.CountAsync(department), finished.Sum(r => r["pulled"]!.GetValue<long>()));
    }
}
