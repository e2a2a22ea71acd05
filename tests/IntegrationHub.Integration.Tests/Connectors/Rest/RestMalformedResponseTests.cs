using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Integration.Tests.Connectors.Rest;

/// <summary>Answers that cannot be read fail the read clearly, after the pages already yielded; odd items are quarantined.</summary>
public sealed class RestMalformedResponseTests
{
    [Fact]
    public async Task Read_AMalformedJsonBodyOnPage2_FailsAtTheReadStage_AfterPage1_NamingPathStatusAndBody()
    {
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", (int page) => page == 1
            ? Respond.Json(Cases.Array(Cases.Range(3)))
            : Results.Text("<html><body>网关错误 upstream timeout</body></html>", "text/html")));
        await using var harness = new RestConnectorHarness();
        var pages = new List<SourcePage>();
        var definition = RestConnectorHarness.Definition(new JsonObject
        {
            ["url"] = api.Url("/cases").AbsoluteUri,
            ["pagination"] = new JsonObject { ["type"] = "page" },
        });

        var failure = await Assert.ThrowsAsync<SourceAccessException>(async () =>
        {
            await foreach (var page in harness.Connector.ReadAsync(definition, null, RestConnectorHarness.Context, CancellationToken.None))
                pages.Add(page);
        });

        Assert.Single(pages);
        Assert.Equal("read", failure.Stage);
        Assert.Contains("/cases?page=2", failure.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 200", failure.Message, StringComparison.Ordinal);
        Assert.Contains("not JSON", failure.Message, StringComparison.Ordinal);
        Assert.Contains("upstream timeout", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ARecordsPathThatIsNotAnArray_FailsAtTheReadStage_NamingThePath()
    {
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", () =>
            Respond.Json(new JsonObject { ["code"] = 500, ["data"] = new JsonObject { ["items"] = "系统维护中" } })));
        await using var harness = new RestConnectorHarness();

        var check = await harness.CheckAsync(new JsonObject { ["url"] = api.Url("/cases").AbsoluteUri, ["recordsPath"] = "data.items" });

        Assert.False(check.Succeeded);
        Assert.Equal("read", check.Stage);
        Assert.Contains("'data.items' is a JSON string, not an array", check.Message, StringComparison.Ordinal);
        Assert.Contains("系统维护中", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AMissingRecordsPath_FailsAtTheReadStage()
    {
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", () => Respond.Json(new JsonObject { ["error"] = "bad region" })));
        await using var harness = new RestConnectorHarness();

        var check = await harness.CheckAsync(new JsonObject { ["url"] = api.Url("/cases").AbsoluteUri, ["recordsPath"] = "data.items" });

        Assert.Equal(("read", false), (check.Stage, check.Succeeded));
        Assert.Contains("'data.items' is missing", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_AnItemThatIsNotAnObject_BecomesARecordWithAProblem_NotADroppedOne()
    {
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", () =>
            Respond.Json(new JsonArray(Cases.Case(1), "C0002", null, Cases.Case(4)))));
        await using var harness = new RestConnectorHarness();

        var page = Assert.Single(await harness.ReadAllAsync(new JsonObject { ["url"] = api.Url("/cases").AbsoluteUri }));

        Assert.Equal(4, page.Records.Count);
        Assert.Equal([null, "Item 1 of '$' is a JSON string, not an object.", "Item 2 of '$' is null, not an object.", null], page.Records.Select(r => r.Problem));
        Assert.Equal("C0002", page.Records[1].Data["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Check_AnInvalidConfiguration_FailsAtTheConfigurationStage_NamingTheSetting()
    {
        await using var harness = new RestConnectorHarness();

        var check = await harness.CheckAsync(new JsonObject
        {
            ["url"] = "https://api.example.gov.cn/cases",
            ["auth"] = new JsonObject { ["type"] = "oauth2ClientCredentials", ["tokenUrl"] = "https://api.example.gov.cn/token", ["clientId"] = "hub" },
        });

        Assert.False(check.Succeeded);
        Assert.Equal("configuration", check.Stage);
        Assert.Contains(check.Issues, i => i.Field.StartsWith("source.auth", StringComparison.Ordinal));
    }
}
