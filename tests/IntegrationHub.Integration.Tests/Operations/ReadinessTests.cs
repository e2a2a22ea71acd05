using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Operations;

public sealed class ReadinessTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task Ready_ReportsTheStoreAndTheBus_EachHealthy(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, 5);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        using var anonymous = new HttpClient { BaseAddress = hub.Address };

        var response = await anonymous.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Healthy", report["status"]!.GetValue<string>());
        var checks = report["checks"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", checks["store"]);
        Assert.Equal("Healthy", checks["bus"]);
    }
}
