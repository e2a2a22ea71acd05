using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Connectors;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Pipeline.Catalog;
using IntegrationHub.Samples;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Integration.Tests.Api;

/// <summary>Connectors registered, changed, checked and previewed through the API, with their secrets kept write-only.</summary>
public sealed class ConnectorRegistrationTests
{
    private const int CasesPerDepartment = 300;
    private const string Secret = "Zq9-very-secret-Passw0rd";

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ConnectorRegisteredThroughTheApi_IsListedWithOriginApi_AndSyncsEveryRecord(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(stack, EmptyFolder());
        var definition = sources.DefinitionFor(SampleDepartment.All[0], "registered-department");

        var created = await hub.Client.PostAsJsonAsync("/api/v1/connectors", definition);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/connectors/registered-department", created.Headers.Location?.ToString());
        var listed = Assert.Single((await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/connectors"))!);
        Assert.Equal("api", listed!["origin"]!.GetValue<string>());
        var run = await hub.RunAsync("registered-department");
        Assert.Equal("completed", run["status"]!.GetValue<string>());
        Assert.Equal(await sources.CountAsync(SampleDepartment.All[0]), run["pulled"]!.GetValue<long>());
        Assert.True(run["durationMs"]!.GetValue<long>() >= 0);
    }

    [Fact]
    public async Task InvalidDefinitions_AreRefusedWith400_NamingTheSettingTheValueAndTheRule()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 10);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, EmptyFolder());

        var badPageSize = sources.DefinitionFor(SampleDepartment.All[0], "bad-page-size");
        badPageSize["source"]!["pageSize"] = 0;
        var problem = await ProblemOf(await hub.Client.PostAsJsonAsync("/api/v1/connectors", badPageSize), HttpStatusCode.BadRequest);
        Assert.Contains("source.pageSize", problem["errors"]!.AsObject().Select(e => e.Key));
        var issue = problem["issues"]!.AsArray().First(i => i!["field"]!.GetValue<string>() == "source.pageSize")!;
        Assert.Equal("0", issue["value"]!.GetValue<string>());
        Assert.Equal("schema.minimum", issue["rule"]!.GetValue<string>());

        var unknownKind = sources.DefinitionFor(SampleDepartment.All[0], "unknown-kind");
        unknownKind["kind"] = "ftp";
        problem = await ProblemOf(await hub.Client.PostAsJsonAsync("/api/v1/connectors", unknownKind), HttpStatusCode.BadRequest);
        Assert.Contains("'ftp' is not a connector kind", problem["errors"]!["kind"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var badCron = sources.DefinitionFor(SampleDepartment.All[0], "bad-cron");
        badCron["schedule"] = new JsonObject { ["cron"] = "every morning" };
        problem = await ProblemOf(await hub.Client.PostAsJsonAsync("/api/v1/connectors", badCron), HttpStatusCode.BadRequest);
        Assert.Contains("'every morning' is not a cron expression", problem["errors"]!["schedule.cron"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var mappingByFile = sources.DefinitionFor(SampleDepartment.All[0], "mapping-by-file");
        mappingByFile["mapping"] = "ecology-environment.mapping.json";
        problem = await ProblemOf(await hub.Client.PostAsJsonAsync("/api/v1/connectors", mappingByFile), HttpStatusCode.BadRequest);
        Assert.Contains("mapping", problem["errors"]!.AsObject().Select(e => e.Key));

        Assert.Empty((await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/connectors"))!);
    }

    [Fact]
    public async Task Secrets_AreNeverReturnedNeverLoggedAndNeverStoredInPlainText_AndSurviveAnUpdateSentBackMasked()
    {
        var log = new CapturedLog();
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, EmptyFolder(), log: log);
        var definition = new JsonObject
        {
            ["id"] = "unreachable-database",
            ["name"] = "某局 前置库（不可达）",
            ["kind"] = "sql",
            ["source"] = new JsonObject
            {
                ["provider"] = "postgres",
                ["connectionString"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=exchange;Password={Secret};Timeout=3",
                ["table"] = "cases",
                ["key"] = "id",
                ["watermark"] = "updated_at",
            },
            ["mapping"] = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Connectors, "ecology-environment.mapping.json"))),
        };

        var responses = new List<string>();
        var created = await hub.Client.PostAsJsonAsync("/api/v1/connectors", definition);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        responses.Add(await created.Content.ReadAsStringAsync());
        var shown = await hub.GetJsonAsync("/api/v1/connectors/unreachable-database");
        Assert.Equal(ConnectorSpec.Mask, shown["source"]!["connectionString"]!.GetValue<string>());
        responses.Add(shown.ToJsonString());
        responses.Add(await hub.Client.GetStringAsync("/api/v1/connectors"));

        var check = await hub.Client.PostAsync("/api/v1/connectors/unreachable-database/check", null);
        var checkBody = await check.Content.ReadFromJsonAsync<JsonObject>();
        Assert.False(checkBody!["succeeded"]!.GetValue<bool>());
        Assert.Equal("connect", checkBody["stage"]!.GetValue<string>());
        responses.Add(checkBody.ToJsonString());
        responses.Add(await (await hub.Client.PostAsync("/api/v1/connectors/unreachable-database/preview", null)).Content.ReadAsStringAsync());
        var run = await hub.RunAsync("unreachable-database");
        Assert.Equal("failed", run["status"]!.GetValue<string>());
        responses.Add(run.ToJsonString());

        // An update that sends the mask back keeps the stored secret.
        shown["name"] = "某局 前置库";
        shown["mapping"] = definition["mapping"]!.DeepClone();
        var updated = await hub.Client.PutAsJsonAsync("/api/v1/connectors/unreachable-database", shown);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        responses.Add(await updated.Content.ReadAsStringAsync());
        var catalog = hub.Services.GetRequiredService<ConnectorCatalog>();
        Assert.Contains($"Password={Secret}", catalog.Find("unreachable-database")!.Source["connectionString"]!.GetValue<string>(), StringComparison.Ordinal);

        await using var store = await hub.OpenStoreAsync();
        var stored = await store.QuerySingleAsync<string>("SELECT definition FROM connector_registrations WHERE id = 'unreachable-database'");
        Assert.DoesNotContain(Secret, stored, StringComparison.Ordinal);
        Assert.Contains("enc:v1:", stored, StringComparison.Ordinal);
        foreach (var response in responses)
            Assert.DoesNotContain(Secret, response, StringComparison.Ordinal);
        Assert.NotEmpty(log.Lines);
        Assert.DoesNotContain(Secret, log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileDefinedConnector_IsChangedInItsFileNotThroughTheApi_ButCanBeDisabledAndEnabled()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 20);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        var id = SampleDepartment.All[0].Id;
        var shown = await hub.GetJsonAsync($"/api/v1/connectors/{id}");
        Assert.Equal("file", shown["origin"]!.GetValue<string>());
        Assert.Equal($"{id}.connector.json", shown["file"]!.GetValue<string>());

        var put = await ProblemOf(await hub.Client.PutAsJsonAsync($"/api/v1/connectors/{id}", shown), HttpStatusCode.Conflict);
        Assert.Contains($"{id}.connector.json", put["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ProblemOf(await hub.Client.DeleteAsync($"/api/v1/connectors/{id}"), HttpStatusCode.Conflict);

        var disabled = await (await hub.Client.PostAsync($"/api/v1/connectors/{id}/disable", null)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.False(disabled!["enabled"]!.GetValue<bool>());
        var refused = await ProblemOf(await hub.Client.PostAsync($"/api/v1/connectors/{id}/runs", null), HttpStatusCode.Conflict);
        Assert.Equal("connector.enabled", refused["rule"]!.GetValue<string>());

        await hub.Client.PostAsync($"/api/v1/connectors/{id}/enable", null);
        Assert.Equal("completed", (await hub.RunAsync(id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task RegisteredConnector_CanBeReplacedAndRemoved_AndItsRecordsStay()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 50);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, EmptyFolder());
        var definition = sources.DefinitionFor(SampleDepartment.All[1], "short-lived");
        Assert.Equal(HttpStatusCode.Created, (await hub.Client.PostAsJsonAsync("/api/v1/connectors", definition)).StatusCode);
        await ProblemOf(await hub.Client.PostAsJsonAsync("/api/v1/connectors", definition), HttpStatusCode.Conflict);
        await hub.RunAsync("short-lived");

        definition["priority"] = 99;
        definition["schedule"] = new JsonObject { ["cron"] = "0 8 * * 1-5" };
        var replaced = await (await hub.Client.PutAsJsonAsync("/api/v1/connectors/short-lived", definition)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(99, replaced!["priority"]!.GetValue<int>());
        Assert.Equal("0 8 * * 1-5", replaced["schedule"]!["cron"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await hub.Client.DeleteAsync("/api/v1/connectors/short-lived")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.GetAsync("/api/v1/connectors/short-lived")).StatusCode);
        Assert.True(await hub.Store.CountRecordsAsync(CancellationToken.None) > 0);
    }

    [Fact]
    public async Task Preview_ShowsEachSampledRecordWithItsStatusAndEveryMessage_AndStoresNothing()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 400);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        var department = SampleDepartment.All[1];
        var defective = sources.Rows.Where(r => r.Department == department).Take(150).Count(r => r.Row.Truth.Defect is not null);

        var preview = await (await hub.Client.PostAsync($"/api/v1/connectors/{department.Id}/preview?limit=150", null)).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(150, preview!["sampled"]!.GetValue<int>());
        Assert.Equal(150, preview["records"]!.AsArray().Count);
        Assert.Equal(150, preview["accepted"]!.GetValue<int>() + preview["rejected"]!.GetValue<int>());
        foreach (var record in preview["records"]!.AsArray())
        {
            if (record!["status"]!.GetValue<string>() == "accepted")
            {
                Assert.False(string.IsNullOrEmpty(record["record"]!["agency"]!["name"]!.GetValue<string>()));
                continue;
            }

            Assert.Null(record["record"]);
            var issue = record["issues"]!.AsArray().First()!;
            Assert.False(string.IsNullOrEmpty(issue["field"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(issue["rule"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(issue["messageZh"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(issue["messageEn"]!.GetValue<string>()));
        }

        Assert.True(preview["rejected"]!.GetValue<int>() >= defective);
        Assert.Equal(0, await hub.Store.CountRecordsAsync(CancellationToken.None));
        Assert.Null(await hub.Store.GetCheckpointAsync(department.Id, CancellationToken.None));
        Assert.Empty(await hub.Store.ListRunsAsync(department.Id, 10, CancellationToken.None));
        await using var store = await hub.OpenStoreAsync();
        Assert.Equal(0, await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM quarantine"));
    }

    [Fact]
    public async Task Check_OfAReachableSource_Succeeds_AndDiscoverDescribesItsFields_AndKindsPublishTheirSchemas()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 30);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        var id = SampleDepartment.All[0].Id;

        var check = await (await hub.Client.PostAsync($"/api/v1/connectors/{id}/check", null)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(check!["succeeded"]!.GetValue<bool>(), check.ToJsonString());
        Assert.True(check["recordsRead"]!.GetValue<int>() > 0);

        var discovered = await (await hub.Client.PostAsync($"/api/v1/connectors/{id}/discover?sample=10", null)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(10, discovered!["sampledRecords"]!.GetValue<int>());
        var key = discovered["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "案件ID");
        Assert.Equal(10, key!["presentIn"]!.GetValue<int>());
        Assert.NotEmpty(key["examples"]!.AsArray());

        var kinds = (await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/connector-kinds"))!;
        var sql = kinds.Single(k => k!["kind"]!.GetValue<string>() == "sql");
        Assert.Contains("connectionString", sql!["secrets"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("object", sql["schema"]!["type"]!.GetValue<string>());
    }

    private static async Task<JsonObject> ProblemOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static string EmptyFolder() => Directory.CreateTempSubdirectory("hub-connectors-").FullName;

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
