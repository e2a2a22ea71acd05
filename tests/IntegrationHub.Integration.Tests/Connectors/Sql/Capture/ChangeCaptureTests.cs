using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Integration.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Integration.Tests.Connectors.Sql.Capture;

/// <summary>
/// The sql connector's cdc mode end to end against a real PostgreSQL with wal_level = logical: what the source commits
/// reaches the store and the feed in commit order, deletions included; the snapshot and the stream meet without a gap.
/// The hub's own stack is either; the source is always PostgreSQL.
/// </summary>
public sealed class ChangeCaptureTests
{
    private const string Connector = "cdc";

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task InsertsUpdatesAndDeletes_ReachTheStoreAndTheFeed_InCommitOrder(HubStack stack)
    {
        await using var source = await CaptureSource.CreateAsync(40);
        await using var hub = await TestHub.StartAsync(stack, EmptyConnectors());
        await RegisterAsync(hub, source.Definition(Connector));
        await WaitForSnapshotAsync(hub.Client, source.Rows);
        var before = (await hub.ReadFeedAsync()).Count;
        var (kept, removed, template) = (source.ValidKeys[0], source.ValidKeys[1], source.ValidKeys[2]);
        const long added = 900_001;

        // Five transactions at the source, in this order.
        await source.InsertCopyAsync(template, added);
        await source.MarkAsync(kept, 1);
        await source.DeleteAsync(removed);
        await source.MarkAsync(added, 2);
        await source.DeleteAsync(added);

        var events = new List<JsonObject>();
        await WebhookTesting.WaitUntilAsync(async () => (events = [.. (await hub.ReadFeedAsync()).Skip(before)]).Count >= 5, "five change events on the feed");
        await using var store = await hub.OpenStoreAsync();
        var keptId = await RecordOfAsync(store, kept);
        var removedId = await RecordOfAsync(store, removed);
        var addedId = await RecordOfAsync(store, added);
        Assert.Equal(
            [("created", addedId), ("updated", keptId), ("deleted", removedId), ("updated", addedId), ("deleted", addedId)],
            events.Select(e => (Kind(e), e["subject"]!.GetValue<string>())).ToList());
        Assert.Equal(1, CaptureSource.MarkerOf(await store.ExecuteScalarAsync<string>("SELECT content FROM golden_records WHERE id = @keptId", new { keptId })));
        Assert.Equal(2, await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM golden_records WHERE id IN (@removedId, @addedId) AND deleted_at IS NOT NULL", new { removedId, addedId }));
        Assert.Equal(await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM record_versions"), await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM change_log"));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task SnapshotAndStream_MeetWithoutAGap_WhileTheSourceKeepsChanging(HubStack stack)
    {
        await using var source = await CaptureSource.CreateAsync(1_500);
        await using var hub = await TestHub.StartAsync(stack, EmptyConnectors());
        var definition = source.Definition(Connector);
        definition["source"]!["pageSize"] = 100;

        // The department keeps working before the slot exists, while the snapshot is read, and after.
        using var stop = new CancellationTokenSource();
        var deleted = new List<long>();
        var writer = Task.Run(async () =>
        {
            var random = new Random(15);
            var live = source.ValidKeys.ToList();
            for (var marker = 1; !stop.IsCancellationRequested; marker++)
            {
                var key = live[random.Next(live.Count)];
                if (marker % 7 == 0)
                {
                    await source.DeleteAsync(key);
                    live.Remove(key);
                    deleted.Add(key);
                }
                else
                {
                    await source.MarkAsync(key, marker);
                }

                await Task.Delay(5);
            }
        });
        await Task.Delay(300);
        await RegisterAsync(hub, definition);
        await WaitForSnapshotAsync(hub.Client, source.Rows - 200);
        await Task.Delay(2_000);
        await stop.CancelAsync();
        await writer;

        var final = await source.MarkersAsync();
        var valid = source.ValidKeys.ToHashSet();
        await WebhookTesting.WaitUntilAsync(async () =>
        {
            var stored = await StoredAsync(hub);
            return final.Where(row => valid.Contains(row.Key)).All(row => stored.TryGetValue(row.Key, out var s) && !s.Deleted && s.Marker == row.Value)
                // A row deleted before the slot existed was never in the hub; one deleted later must be a tombstone.
                && deleted.All(key => !stored.TryGetValue(key, out var s) || s.Deleted);
        }, "the store holds every row as the source has it now, and every deletion", TimeSpan.FromMinutes(3));
        Assert.NotEmpty(deleted);
        await using var store = await hub.OpenStoreAsync();
        // No change stored twice: no update repeats the content before it (a tombstone keeps the last content).
        Assert.Equal(0, await store.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM record_versions a JOIN record_versions b ON b.record_id = a.record_id AND b.version = a.version + 1 " +
            "WHERE a.content_hash = b.content_hash AND b.change_kind <> 'deleted'"));
    }

    [Fact]
    public async Task DroppedTable_FailsTheRunWithTheReason_AfterStoringTheChangesBeforeTheDrop()
    {
        await using var source = await CaptureSource.CreateAsync(40);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, EmptyConnectors());
        await RegisterAsync(hub, source.Definition(Connector, runSeconds: 60));
        await WaitForSnapshotAsync(hub.Client, source.Rows);
        var key = source.ValidKeys[0];

        await source.MarkAsync(key, 7);
        await source.ExecuteAsync($"DROP TABLE {CaptureSource.Quote(source.Table)}");

        JsonObject? failed = null;
        await WebhookTesting.WaitUntilAsync(async () =>
        {
            var runs = await hub.Client.GetFromJsonAsync<JsonArray>($"/api/v1/connectors/{Connector}/runs?limit=5");
            failed = runs!.OfType<JsonObject>().FirstOrDefault(r => r["status"]!.GetValue<string>() == "failed");
            return failed is not null;
        }, "a failed run", TimeSpan.FromMinutes(2));
        var error = failed!["error"]!.GetValue<string>();
        Assert.Contains("was dropped", error, StringComparison.Ordinal);
        Assert.Contains(source.Table, error, StringComparison.Ordinal);
        Assert.Equal(7, (await StoredAsync(hub))[key].Marker);
    }

    [Fact]
    public async Task AColumnAddedAndOneDroppedAtTheSource_ShowAsDrift_LikeAPolledSource()
    {
        await using var source = await CaptureSource.CreateAsync(20);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, EmptyConnectors());
        await RegisterAsync(hub, source.Definition(Connector, runSeconds: 1, continuous: false));
        Assert.Equal("completed", (await hub.RunAsync(Connector))["status"]!.GetValue<string>());

        var table = CaptureSource.Quote(source.Table);
        await source.ExecuteAsync($"ALTER TABLE {table} ADD COLUMN \"备注\" text; ALTER TABLE {table} DROP COLUMN \"更新时间\"");
        await source.MarkAsync(source.ValidKeys[0], 4);
        var run = await hub.RunAsync(Connector);

        Assert.Equal("completed", run["status"]!.GetValue<string>());
        Assert.Equal(["备注"], run["drift"]!["added"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(["更新时间"], run["drift"]!["removed"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(4, (await StoredAsync(hub))[source.ValidKeys[0]].Marker);
    }

    [Fact]
    public async Task ASlotNobodyReads_PastTheLagThreshold_Alerts_AndRemovingItsConnectorAsksWhatBecomesOfTheSlot()
    {
        await using var source = await CaptureSource.CreateAsync(20);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, EmptyConnectors(), new Dictionary<string, string?>
        {
            ["Hub:Health:SlotLagBytes"] = "262144",
            // Only the test's own evaluation raises the alert: the background one would take it first.
            ["Hub:Health:EvaluationInterval"] = "01:00:00",
        });
        await RegisterAsync(hub, source.Definition(Connector, runSeconds: 2, continuous: false));
        Assert.Equal("completed", (await hub.RunAsync(Connector))["status"]!.GetValue<string>());
        Assert.False(await source.SlotActiveAsync());

        // Another application writes a few megabytes of log; no run reads the slot.
        await source.ExecuteAsync("CREATE TABLE other_work AS SELECT g, repeat('x', 1000) AS pad FROM generate_series(1, 4000) g");

        var raised = await hub.Services.GetRequiredService<IntegrationHub.Operations.HealthMonitor>().EvaluateAsync(CancellationToken.None);
        var alert = Assert.Single(raised, a => a.SubjectId == Connector);
        Assert.Equal("stale", alert.State);
        Assert.Contains(source.Slot, alert.Reason, StringComparison.Ordinal);
        var health = (await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/health/connectors"))!.OfType<JsonObject>().Single(h => h["id"]!.GetValue<string>() == Connector);
        var slot = health["replicationSlot"]!.AsObject();
        Assert.True(slot["exists"]!.GetValue<bool>());
        Assert.False(slot["active"]!.GetValue<bool>());
        Assert.True(slot["lagBytes"]!.GetValue<long>() >= 262_144);

        var unsaid = await hub.Client.DeleteAsync($"/api/v1/connectors/{Connector}");
        Assert.Equal(HttpStatusCode.Conflict, unsaid.StatusCode);
        Assert.Equal("replicationSlot", (await unsaid.Content.ReadFromJsonAsync<JsonObject>())!["parameter"]!.GetValue<string>());
        Assert.NotNull(await source.SlotActiveAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await hub.Client.DeleteAsync($"/api/v1/connectors/{Connector}?replicationSlot=drop")).StatusCode);
        Assert.Null(await source.SlotActiveAsync());
    }

    internal static string EmptyConnectors() => Directory.CreateTempSubdirectory("hub-connectors-").FullName;

    internal static async Task RegisterAsync(TestHub hub, JsonObject definition)
    {
        var response = await hub.Client.PostAsJsonAsync("/api/v1/connectors", definition);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Until the connector's stored and quarantined records are at least <paramref name="rows"/>: the snapshot is in.</summary>
    internal static Task WaitForSnapshotAsync(HttpClient client, int rows) =>
        WebhookTesting.WaitUntilAsync(async () =>
        {
            var summary = await client.GetFromJsonAsync<JsonArray>("/api/v1/sync/summary");
            var mine = summary!.OfType<JsonObject>().SingleOrDefault(s => s["id"]!.GetValue<string>() == Connector);
            return mine is not null && mine["sourceRecords"]!.GetValue<long>() + mine["openQuarantine"]!.GetValue<long>() >= rows;
        }, "the snapshot stored", TimeSpan.FromMinutes(3));

    /// <summary>Source key → the marker of the raw row the store holds for it, and whether it is deleted.</summary>
    internal static async Task<Dictionary<long, (int Marker, bool Deleted)>> StoredAsync(TestHub hub)
    {
        await using var store = await hub.OpenStoreAsync();
        var rows = await store.QueryAsync<(string SourceKey, string Raw, long? DeletedAt)>(
            "SELECT source_key, raw, deleted_at FROM source_records WHERE connector_id = @Connector", new { Connector });
        return rows.ToDictionary(r => long.Parse(r.SourceKey, System.Globalization.CultureInfo.InvariantCulture),
            r => (CaptureSource.MarkerOf(JsonNode.Parse(r.Raw)?[CaptureSource.Facts]?.GetValue<string>()), r.DeletedAt is not null));
    }

    internal static async Task<string> RecordOfAsync(System.Data.Common.DbConnection store, long key) =>
        await store.ExecuteScalarAsync<string>("SELECT record_id FROM source_records WHERE connector_id = @Connector AND source_key = @key",
            new { Connector, key = key.ToString(System.Globalization.CultureInfo.InvariantCulture) }) ?? throw new InvalidOperationException($"No record for source key {key}.");

    private static string Kind(JsonObject cloudEvent) => cloudEvent["type"]!.GetValue<string>().Split('.')[^2];
}
