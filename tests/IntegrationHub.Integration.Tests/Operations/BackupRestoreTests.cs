using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Connectors.Rest;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Sql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Integration.Tests.Operations;

/// <summary>
/// Issue 12.6: <c>IntegrationHub.Host backup --to DIR</c> while the hub runs, <c>restore --from DIR</c> onto a fresh
/// machine (a new data folder; on the production stack a new database and virtual host), and the restored hub is the
/// same hub: same records, runs, quarantine and keys, the same feed and channel positions, and a connector whose
/// encrypted token still authenticates — which it cannot without the key ring.
/// </summary>
public sealed class BackupRestoreTests
{
    private const string Connector = "department-api";
    private const string Subscription = "backup-watch";
    private const string Token = "dept-api-token-Rb52-backup-restore";

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ABackupTakenWhileTheHubRuns_RestoredOntoAFreshMachine_IsTheSameHub_AndItsEncryptedSecretsStillWork(HubStack stack)
    {
        var rows = EcologyRecords.Valid(30);
        rows.Add(Defective(rows[0]));
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", (HttpRequest request) =>
            request.Headers.Authorization == $"Bearer {Token}" ? Respond.Json(Cases.Array(rows)) : Results.StatusCode(StatusCodes.Status401Unauthorized)));
        await using var receiver = await WebhookReceiver.StartAsync();
        var backup = Path.Combine(Directory.CreateTempSubdirectory("hub-backup-").FullName, "2026-12-06");

        await using var original = await HubSettings.CreateAsync(stack, EmptyFolder(), WebhookTesting.Settings());
        string before;
        await using (var hub = await TestHub.StartAsync(original))
        {
            await hub.CreateSubscriptionAsync(Subscription, amqp: stack == HubStack.Production);
            await hub.SetWebhookAsync(Subscription, receiver.Url);
            Assert.Equal(HttpStatusCode.Created, (await hub.Client.PostAsJsonAsync("/api/v1/connectors", await DefinitionAsync(api))).StatusCode);
            var run = await hub.RunAsync(Connector);
            Assert.Equal(("completed", 30L, 1L), (run["status"]!.GetValue<string>(), run["inserted"]!.GetValue<long>(), run["quarantined"]!.GetValue<long>()));
            await ReadFeedPartlyAsync(hub);
            await WaitUntilDeliveredAsync(hub);

            before = await StateAsync(hub);
            var backedUp = await HubProcess.RunCommandAsync(original, "backup", "--to", backup);
            Assert.True(backedUp.ExitCode == 0, backedUp.ToString());
            Assert.Equal(before, await StateAsync(hub)); // nothing moved meanwhile: the comparison below is fair
        }

        var delivered = receiver.Received.Count;
        await using var fresh = await HubSettings.CreateAsync(stack, EmptyFolder(), WebhookTesting.Settings());
        var restored = await HubProcess.RunCommandAsync(fresh, "restore", "--from", backup);
        Assert.True(restored.ExitCode == 0, restored.ToString());

        // Without the key ring the connector's token cannot be decrypted: the hub refuses to start.
        fresh.Values["Hub:KeysDirectory"] = EmptyFolder();
        var withoutKeys = await Assert.ThrowsAnyAsync<Exception>(async () => await (await TestHub.StartAsync(fresh)).DisposeAsync());
        Assert.Contains("was not found in the key ring", withoutKeys.ToString(), StringComparison.Ordinal);
        fresh.Values.Remove("Hub:KeysDirectory");

        await using (var hub = await TestHub.StartAsync(fresh))
        {
            Assert.Equal(before, await StateAsync(hub));

            // The token decrypts and authenticates; nothing is new.
            var again = await hub.RunAsync(Connector);
            Assert.Equal(("completed", 0L, 30L), (again["status"]!.GetValue<string>(), again["inserted"]!.GetValue<long>(), again["unchanged"]!.GetValue<long>()));

            // The feed goes on after its last event, and the webhook sends that one event only.
            var last = (await hub.ReadFeedAsync()).Max(e => e.Seq());
            rows[0]["case_name"] = rows[0]["case_name"]!.GetValue<string>() + "（更正）";
            rows[0]["updated_at"] = DateTimeOffset.Parse(rows[0]["updated_at"]!.GetValue<string>(), CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            var changed = await hub.RunAsync(Connector);
            Assert.Equal(1L, changed["updated"]!.GetValue<long>());
            Assert.Equal([last + 1], (await hub.ReadFeedAsync()).Select(e => e.Seq()).Where(seq => seq > last));
            await receiver.WaitForRequestsAsync(delivered + 1);
            Assert.Equal([last + 1], receiver.Received.Skip(delivered).Select(r => r.Seq));
        }
    }

    [Fact]
    public async Task Restore_OntoADataFolderThatHasAStore_RefusesAndChangesNothing()
    {
        await using var original = await HubSettings.CreateAsync(HubStack.Embedded, EmptyFolder());
        SqliteDialect dialect;
        await using (var hub = await TestHub.StartAsync(original))
            dialect = Assert.IsType<SqliteDialect>(hub.Services.GetRequiredService<StoreDialect>());
        // The stopped hub's last writes asked for a checkpoint, which copies its log into the file within a second.
        await WebhookTesting.WaitUntilAsync(() => Task.FromResult(!dialect.Checkpoints.Scheduled), "the stopped hub's last checkpoint");

        var backup = Path.Combine(Directory.CreateTempSubdirectory("hub-backup-").FullName, "b");
        Assert.Equal(0, (await HubProcess.RunCommandAsync(original, "backup", "--to", backup)).ExitCode);
        var store = Path.Combine(original.DataDirectory, "hub.db");
        var unchanged = await File.ReadAllBytesAsync(store);

        var refused = await HubProcess.RunCommandAsync(original, "restore", "--from", backup);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"{store} exists", refused.Error, StringComparison.Ordinal);
        Assert.Equal(unchanged, await File.ReadAllBytesAsync(store));
    }

    [Fact]
    public async Task Restore_OfADamagedBackup_RefusesNamingTheFile()
    {
        await using var original = await HubSettings.CreateAsync(HubStack.Embedded, EmptyFolder());
        await using (await TestHub.StartAsync(original))
        {
        }

        var backup = Path.Combine(Directory.CreateTempSubdirectory("hub-backup-").FullName, "b");
        Assert.Equal(0, (await HubProcess.RunCommandAsync(original, "backup", "--to", backup)).ExitCode);
        var key = Directory.EnumerateFiles(Path.Combine(backup, "keys"), "key-*.xml").First();
        await File.AppendAllTextAsync(key, " ");
        await using var fresh = await HubSettings.CreateAsync(HubStack.Embedded, EmptyFolder());

        var refused = await HubProcess.RunCommandAsync(fresh, "restore", "--from", backup);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains(Path.GetFileName(key), refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(fresh.DataDirectory, "hub.db")));
    }

    /// <summary>What a restore must keep, as the API shows it: records, quarantine, runs, keys, the feed, each channel's position.</summary>
    private static async Task<string> StateAsync(TestHub hub)
    {
        var records = await hub.GetJsonAsync("/api/v1/records?limit=1000");
        var channels = (await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/health/subscriptions"))!
            .SelectMany(s => s!["channels"]!.AsArray().Select(c => $"{s["id"]} {c!["channel"]} at {c["position"]}, backlog {c["backlog"]}"));
        var runs = (await hub.Client.GetFromJsonAsync<JsonArray>($"/api/v1/connectors/{Connector}/runs"))!
            .Select(r => $"{r!["id"]} {r["status"]} pulled {r["pulled"]} inserted {r["inserted"]} quarantined {r["quarantined"]}");
        var state = new JsonObject
        {
            ["records"] = new JsonArray([.. records["data"]!.AsArray().Select(r => (JsonNode)$"{r!["id"]} v{r["version"]}")]),
            ["feedCursor"] = records["feed_cursor"]!.DeepClone(),
            ["feed"] = new JsonArray([.. (await hub.ReadFeedAsync()).Select(e => (JsonNode)$"{e.Seq()} {e["id"]}")]),
            ["quarantine"] = new JsonArray([.. (await hub.GetJsonAsync("/api/v1/quarantine?limit=1000"))["data"]!.AsArray().Select(q => (JsonNode)$"{q!["id"]} {q["sourceKey"]}")]),
            ["runs"] = new JsonArray([.. runs.Select(r => (JsonNode)r)]),
            ["channels"] = new JsonArray([.. channels.Order(StringComparer.Ordinal).Select(c => (JsonNode)c)]),
            ["keys"] = new JsonArray([.. (await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/keys"))!.Select(k => (JsonNode)$"{k!["id"]} {k["role"]} {k["revokedAt"]}")]),
        };
        return state.ToJsonString();
    }

    /// <summary>A subscriber reads two pages of the feed: the hub keeps where it stands (the pull channel's position).</summary>
    private static async Task ReadFeedPartlyAsync(TestHub hub)
    {
        using var subscriber = await hub.SubscriberClientAsync(Subscription, "feed:read");
        var first = (await subscriber.GetFromJsonAsync<JsonObject>("/api/v1/feed?limit=10"))!;
        await subscriber.GetFromJsonAsync<JsonObject>($"/api/v1/feed?limit=10&after={first["next_cursor"]}");
    }

    /// <summary>Until the webhook (and on RabbitMQ the AMQP queue) has every event: then nothing moves by itself.</summary>
    private static Task WaitUntilDeliveredAsync(TestHub hub) =>
        WebhookTesting.WaitUntilAsync(async () => (await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/health/subscriptions"))!
            .SelectMany(s => s!["channels"]!.AsArray())
            .Where(c => c!["channel"]!.GetValue<string>() != "pull")
            .All(c => c!["backlog"]!.GetValue<long>() == 0), "every event delivered on the push channels");

    /// <summary>The record with an action type the mapping does not know: quarantined.</summary>
    private static JsonObject Defective(JsonObject valid)
    {
        var defective = (JsonObject)valid.DeepClone();
        defective["case_id"] = "BACKUP-DEFECTIVE-1";
        defective["action_type"] = "ZZ";
        return defective;
    }

    private static async Task<JsonObject> DefinitionAsync(DepartmentApi api) => new()
    {
        ["id"] = Connector,
        ["name"] = "生态环境局 执法系统 (REST)",
        ["department"] = "ecology-environment",
        ["kind"] = "rest",
        ["source"] = new JsonObject
        {
            ["url"] = api.Url("/cases").ToString(),
            ["auth"] = new JsonObject { ["type"] = "bearer", ["token"] = Token },
        },
        ["mapping"] = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Connectors, "ecology-environment.mapping.json"))),
    };

    private static string EmptyFolder() => Directory.CreateTempSubdirectory("hub-connectors-").FullName;
}
