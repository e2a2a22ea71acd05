using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Api;

/// <summary>Invariant 7 on the quarantine: an operator without pii:read sees ID numbers masked in raw payloads and reasons.</summary>
public sealed class QuarantinePrivacyTests
{
    [Fact]
    public async Task AnOperatorWithoutPiiRead_SeesNoIdNumberInTheQuarantine_AnAdministratorSeesThePayloadAsItCame()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 300);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        foreach (var department in SampleDepartment.All)
            await hub.RunAsync(department.Id);
        using var operatorClient = hub.ClientWithKey(await TestKeys.IssueAsync(hub, "值班运维", "operator"));

        var asAdministrator = (await hub.Client.GetFromJsonAsync<JsonObject>("/api/v1/quarantine?limit=1000"))!.ToJsonString();
        var asOperator = (await operatorClient.GetFromJsonAsync<JsonObject>("/api/v1/quarantine?limit=1000"))!.ToJsonString();

        var idNumbers = System.Text.RegularExpressions.Regex.Matches(asAdministrator, @"(?<![0-9])[1-9][0-9]{16}[0-9X](?![0-9])")
            .Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(idNumbers);
        Assert.All(idNumbers, id => Assert.DoesNotContain(id, asOperator, StringComparison.Ordinal));
        Assert.Contains("********", asOperator, StringComparison.Ordinal);

        var first = JsonNode.Parse(asOperator)!["data"]![0]!["id"]!.GetValue<long>();
        var one = (await operatorClient.GetFromJsonAsync<JsonObject>($"/api/v1/quarantine/{first}"))!.ToJsonString();
        Assert.All(idNumbers, id => Assert.DoesNotContain(id, one, StringComparison.Ordinal));
    }
}
