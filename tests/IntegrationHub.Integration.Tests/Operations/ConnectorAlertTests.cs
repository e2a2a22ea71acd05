using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Feeds.Webhooks;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Operations;

public sealed class ConnectorAlertTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task StoppingASource_MakesItsConnectorDegradedThenFailing_AlertsTheOperatorWebhook_AndStartingItAgainMakesItHealthy(HubStack stack)
    {
        var department = SampleDepartment.EcologyEnvironment;
        var secret = WebhookSecret.Generate();
        await using var receiver = await OperatorWebhookReceiver.StartAsync();
        await using var sources = await SampleSources.CreateAsync(stack, 60);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory, new Dictionary<string, string?>
        {
            ["Hub:Health:FailingAfterRuns"] = "2",
            ["Hub:Health:EvaluationInterval"] = "00:00:00.200",
            ["Hub:Alerts:RequireHttps"] = "false",
            ["Hub:Alerts:AllowedRanges:0"] = "127.0.0.0/8",
            ["Hub:Alerts:Webhooks:0:Url"] = receiver.Url.ToString(),
            ["Hub:Alerts:Webhooks:0:Secret"] = secret.Export(),
        });
        await hub.RunAsync(department.Id);
        Assert.Equal("healthy", (await HealthAsync(hub, department.Id))["state"]!.GetValue<string>());

        // The department takes its table offline: every read fails.
        await RenameSourceTableAsync(sources, department, department.Table, department.Table + "_offline");
        Assert.Equal("failed", (await hub.RunAsync(department.Id))["status"]!.GetValue<string>());
        var degraded = await HealthAsync(hub, department.Id);
        Assert.Equal("degraded", degraded["state"]!.GetValue<string>());
        Assert.Equal(1, degraded["consecutiveFailures"]!.GetValue<int>());

        Assert.Equal("failed", (await hub.RunAsync(department.Id))["status"]!.GetValue<string>());
        var failing = await HealthAsync(hub, department.Id);
        Assert.Equal("failing", failing["state"]!.GetValue<string>());
        Assert.StartsWith("The last 2 runs failed", failing["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        var alert = await NextAlertAsync(receiver, secret, department.Id);
        Assert.Equal("failing", alert["state"]!.GetValue<string>());
        Assert.Equal("healthy", alert["previousState"]!.GetValue<string>());
        var listed = await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/alerts");
        Assert.Contains(listed!, a => a!["subjectId"]!.GetValue<string>() == department.Id && a["state"]!.GetValue<string>() == "failing");

        // Back online: the next run succeeds and the operators hear that it recovered.
        await RenameSourceTableAsync(sources, department, department.Table + "_offline", department.Table);
        Assert.Equal("completed", (await hub.RunAsync(department.Id))["status"]!.GetValue<string>());
        Assert.Equal("healthy", (await HealthAsync(hub, department.Id))["state"]!.GetValue<string>());
        var recovered = await NextAlertAsync(receiver, secret, department.Id);
        Assert.Equal("healthy", recovered["state"]!.GetValue<string>());
        Assert.Equal("failing", recovered["previousState"]!.GetValue<string>());
    }

    [Fact]
    public async Task AlertsApi_RefusesABeforeThatIsNoId_NamingTheParameterAndRule()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 10);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        var response = await hub.Client.GetAsync("/api/v1/alerts?before=abc");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("before", problem["parameter"]!.GetValue<string>());
        Assert.Equal("abc", problem["value"]!.GetValue<string>());
        Assert.Equal("before.format", problem["rule"]!.GetValue<string>());
    }

    private static async Task<JsonObject> HealthAsync(TestHub hub, string connectorId)
    {
        var all = await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/health/connectors");
        return all!.Single(c => c!["id"]!.GetValue<string>() == connectorId)!.AsObject();
    }

    /// <summary>The next alert about the connector, after checking its Standard Webhooks signature.</summary>
    private static async Task<JsonObject> NextAlertAsync(OperatorWebhookReceiver receiver, WebhookSecret secret, string connectorId)
    {
        while (true)
        {
            var (body, headers) = await receiver.NextAsync();
            Assert.Equal(WebhookVerificationResult.Valid, WebhookVerifier.Verify(body, headers, [secret], TimeProvider.System));
            var alert = JsonNode.Parse(body)!.AsObject();
            Assert.Equal("hub.alert.connector", alert["type"]!.GetValue<string>());
            if (alert["subject"]!["id"]!.GetValue<string>() == connectorId)
                return alert;
        }
    }

    private static async Task RenameSourceTableAsync(SampleSources sources, SampleDepartment department, string from, string to)
    {
        await using var connection = sources.Open(department);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"ALTER TABLE \"{from}\" RENAME TO \"{to}\"");
    }
}
