using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Cli;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Integration.Tests.Cli;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Pipeline.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Integration.Tests.Api;

/// <summary>
/// Registration (API, <c>hub connectors add</c>, files in connectors/ at start) refuses what the configuration stage of
/// check — and so a run — refuses, with the same issue: setting, value and rule. Every value below passes the kind's
/// JSON Schema and is refused only by the kind's own reading of its options.
/// </summary>
public sealed class RegistrationValidationTests
{
    private const string ConnectionStringPassword = "s3cret-Kz81-registration";

    /// <summary>kind, source section, the setting refused, its value as the answer shows it.</summary>
    public static TheoryData<string, string, string, string?> ValuesTheCheckRefuses => new()
    {
        // The value of the issue: an overlap of zero re-reads nothing and was accepted before (issue 12).
        { "rest", """{"url":"https://dept.example.gov.cn/cases","incremental":{"parameter":"updatedSince","field":"updated_at","overlap":"00:00:00"}}""", "source.incremental.overlap", "00:00:00" },
        // The driver's own parser refuses the keyword; the password stays masked in the answer.
        { "sql", $$"""{"provider":"postgres","connectionString":"Host=db.example.gov.cn;Password={{ConnectionStringPassword}};Bogus Keyword=1","table":"cases","key":"id","watermark":"updated_at"}""", "source.connectionString", ConnectorSpec.Mask },
        // ${ENV} references are resolved as the run resolves them, from the hub's environment.
        { "file", """{"path":"${HUB_TEST_UNSET_INBOX}/market","format":"csv"}""", "source.path", "${HUB_TEST_UNSET_INBOX}/market" },
        { "process", """{"command":"${HUB_TEST_UNSET_TAP_COMMAND}"}""", "source.command", "${HUB_TEST_UNSET_TAP_COMMAND}" },
    };

    [Theory]
    [MemberData(nameof(ValuesTheCheckRefuses))]
    public async Task Registration_OfAValueTheChecksConfigurationStageRefuses_IsRefusedWithTheSameSettingValueAndRule(
        string kind, string source, string setting, string? value)
    {
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, EmptyFolder());
        var definition = await DefinitionAsync(kind, source);

        var response = await hub.Client.PostAsJsonAsync("/api/v1/connectors", definition);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        var issues = JsonNode.Parse(body)!["issues"]!.AsArray();
        var issue = Assert.Single(issues)!;
        Assert.Equal((setting, value, ConnectorConfigurationException.Rule),
            (issue["field"]!.GetValue<string>(), issue["value"]?.GetValue<string>(), issue["rule"]!.GetValue<string>()));
        Assert.DoesNotContain(ConnectionStringPassword, body, StringComparison.Ordinal);
        Assert.Empty((await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/connectors"))!);

        // The check of the very same definition stops at its configuration stage with the very same issues.
        var connector = ConnectorDefinitionParser.Parse(definition.ToJsonString(), _ => throw new InvalidOperationException("inline mapping"), "test");
        var kindOf = hub.Services.GetServices<ISourceConnector>().Single(k => k.Kind == kind);
        var check = await kindOf.CheckAsync(connector, hub.Services.GetRequiredService<ConnectorContext>(), CancellationToken.None);
        Assert.False(check.Succeeded);
        Assert.Equal("configuration", check.Stage);
        var json = hub.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        Assert.True(JsonNode.DeepEquals(issues, JsonSerializer.SerializeToNode(check.Issues, json)),
            $"registration: {issues.ToJsonString()}\ncheck: {JsonSerializer.Serialize(check.Issues, json)}");
    }

    [Fact]
    public async Task Registration_OfTheSameConnectorWithAValidValue_IsAccepted()
    {
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, EmptyFolder());
        var definition = await DefinitionAsync("rest",
            """{"url":"https://dept.example.gov.cn/cases","incremental":{"parameter":"updatedSince","field":"updated_at","overlap":"00:05:00"}}""");

        var response = await hub.Client.PostAsJsonAsync("/api/v1/connectors", definition);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ConnectorsAdd_OfAValueTheCheckRefuses_FailsNamingTheSetting()
    {
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, EmptyFolder());
        var (_, source, setting, _) = Case("rest");
        var file = Path.Combine(EmptyFolder(), "zero-overlap.connector.json");
        await File.WriteAllTextAsync(file, (await DefinitionAsync("rest", source)).ToJsonString());

        var added = await HubCommandLine.RunAsync(hub, "connectors", "add", file);

        Assert.True(added.ExitCode == ExitCodes.Failed, added.ToString());
        Assert.Contains(setting, added.Error, StringComparison.Ordinal);
        Assert.Empty((await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/connectors"))!);
    }

    [Fact]
    public async Task AConnectorFile_WithAValueTheCheckRefuses_StopsTheStart_NamingTheFileAndTheSetting()
    {
        var folder = EmptyFolder();
        var (_, source, setting, _) = Case("rest");
        var definition = await DefinitionAsync("rest", source);
        await File.WriteAllTextAsync(Path.Combine(folder, "zero-overlap.connector.json"), definition.ToJsonString());

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var hub = await TestHub.StartAsync(HubStack.Embedded, folder);
            await hub.DisposeAsync();
        });

        var message = error.ToString();
        Assert.Contains("zero-overlap.connector.json", message, StringComparison.Ordinal);
        Assert.Contains(setting, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretsInsideASecretObject_AreMaskedInEveryAnswer_EncryptedAtRest_AndKeptByAnUpdateSentBackMasked()
    {
        const string token = "tap-token-Vb71-object-secret";
        const string password = "tap-password-Qw93-object-secret";
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, EmptyFolder());
        var source = new JsonObject
        {
            ["command"] = "/usr/bin/env",
            ["secretEnvironment"] = new JsonObject { ["TAP_TOKEN"] = token },
            ["secretConfig"] = new JsonObject { ["password"] = password, ["nested"] = new JsonObject { ["key"] = password } },
        };
        var definition = await DefinitionAsync("process", source.ToJsonString());

        var created = await hub.Client.PostAsJsonAsync("/api/v1/connectors", definition);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var shown = await hub.GetJsonAsync($"/api/v1/connectors/{definition["id"]}");

        var answers = await created.Content.ReadAsStringAsync() + shown.ToJsonString();
        Assert.DoesNotContain(token, answers, StringComparison.Ordinal);
        Assert.DoesNotContain(password, answers, StringComparison.Ordinal);
        Assert.Equal(ConnectorSpec.Mask, shown["source"]!["secretEnvironment"]!["TAP_TOKEN"]!.GetValue<string>());
        Assert.Equal(ConnectorSpec.Mask, shown["source"]!["secretConfig"]!["nested"]!["key"]!.GetValue<string>());
        await using (var store = await hub.OpenStoreAsync())
        {
            var stored = await store.QuerySingleAsync<string>("SELECT definition FROM connector_registrations WHERE id = @id", new { id = definition["id"]!.GetValue<string>() });
            Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(password, stored, StringComparison.Ordinal);
        }

        shown["mapping"] = definition["mapping"]!.DeepClone();
        shown["source"]!["secretConfig"]!["added"] = "new-value";
        Assert.Equal(HttpStatusCode.OK, (await hub.Client.PutAsJsonAsync($"/api/v1/connectors/{definition["id"]}", shown)).StatusCode);
        var kept = hub.Services.GetRequiredService<ConnectorCatalog>().Find(definition["id"]!.GetValue<string>())!.Source;
        Assert.Equal(token, kept["secretEnvironment"]!["TAP_TOKEN"]!.GetValue<string>());
        Assert.Equal(password, kept["secretConfig"]!["nested"]!["key"]!.GetValue<string>());
        Assert.Equal("new-value", kept["secretConfig"]!["added"]!.GetValue<string>());
    }

    private static (string Kind, string Source, string Setting, string? Value) Case(string kind)
    {
        foreach (object[] values in ValuesTheCheckRefuses)
        {
            if ((string)values[0] == kind)
                return (kind, (string)values[1], (string)values[2], (string?)values[3]);
        }

        throw new ArgumentException($"No case for kind {kind}.", nameof(kind));
    }

    private static async Task<JsonObject> DefinitionAsync(string kind, string source) => new()
    {
        ["id"] = $"bad-{kind}",
        ["name"] = $"某局 {kind}",
        ["department"] = "market-regulation",
        ["kind"] = kind,
        ["source"] = JsonNode.Parse(source),
        ["mapping"] = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Connectors, "market-regulation.mapping.json"))),
    };

    private static string EmptyFolder() => Directory.CreateTempSubdirectory("hub-connectors-").FullName;
}
