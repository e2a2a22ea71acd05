using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Integration.Tests.Connectors.Files;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Pipeline;

/// <summary>
/// Issue 11: a record read again with the very input its stored content was computed from (normalizer revision, mapping,
/// raw record) is counted unchanged without being normalized; anything that could change its content — another raw
/// record, another mapping, a backfill, an earlier batch of the same run still in flight — makes it normalized again.
/// The content hash of one stored link is overwritten to see which: only normalizing the record again puts it back.
/// </summary>
public sealed class UnchangedInputTests : IDisposable
{
    private const string ConnectorId = "market-files";
    private const string CaseNameColumn = "案件名称";
    private readonly ScratchDirectory _scratch = new("hub-unchanged-input-");

    public UnchangedInputTests() => Directory.CreateDirectory(Inbox);

    private string Inbox => Path.Combine(_scratch.Path, "inbox");

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AFileDroppedAgain_IsCountedUnchangedWithoutNormalizing_AndABackfillNormalizesEveryRecordAgain(HubStack stack)
    {
        var rows = MarketRegulationFiles.Rows(40);
        var valid = rows.Where(r => r.Truth.Defect is null).ToList();
        await using var hub = await StartAsync(stack);
        var first = await DropAndRunAsync(hub, "cases-1.csv", rows);
        Assert.Equal(valid.Count, Count(first, "inserted"));
        await using (var store = await hub.OpenStoreAsync())
        {
            Assert.Equal(valid.Count, await store.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM source_records WHERE connector_id = @ConnectorId AND input_hash IS NOT NULL", new { ConnectorId }));
        }

        var key = valid[0].SourceKey;
        var original = await TamperAsync(hub, key);
        using var notNormalized = new NotNormalizedCounter();
        var history = await HistoryAsync(hub);

        // The same rows in another order: the file connector reads a file it has seen byte for byte only once.
        var again = await DropAndRunAsync(hub, "cases-2.csv", [.. Enumerable.Reverse(rows)]);

        Assert.Equal((rows.Count, (long)valid.Count, 0L, (long)(rows.Count - valid.Count)),
            (Count(again, "pulled"), Count(again, "unchanged"), Count(again, "inserted") + Count(again, "updated"), Count(again, "quarantined")));
        Assert.Equal("tampered", await ContentHashAsync(hub, key));
        Assert.Equal(valid.Count, notNormalized.Total);
        Assert.Equal(history, await HistoryAsync(hub)); // invariant 3: no version, no change-log event

        var backfill = await hub.RunAsync(ConnectorId, action: "backfill");
        Assert.Equal("completed", backfill["status"]!.GetValue<string>());
        Assert.Equal(original, await ContentHashAsync(hub, key));
        Assert.Equal(valid.Count, notNormalized.Total);
    }

    /// <summary>Sums the hub's <c>hub.records.not_normalized</c> counter for this test's connector while it lives.</summary>
    private sealed class NotNormalizedCounter : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private long _total;

        public NotNormalizedCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument == IntegrationHub.Contracts.Telemetry.HubTelemetry.RecordsNotNormalized)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == IntegrationHub.Contracts.Telemetry.HubTelemetry.ConnectorTag && Equals(tag.Value, ConnectorId))
                        Interlocked.Add(ref _total, value);
                }
            });
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AfterAMappingChange_TheSameFileDroppedAgainIsNormalizedAgain(HubStack stack)
    {
        var rows = MarketRegulationFiles.Rows(30).Where(r => r.Truth.Defect is null).ToList();
        await using var hub = await StartAsync(stack);
        await DropAndRunAsync(hub, "cases-1.csv", rows);
        var original = await TamperAsync(hub, rows[0].SourceKey);
        var before = await InputHashesAsync(hub);

        // The IT engineer raises the mapping's version without changing a rule: the records come out the same, yet
        // nothing computed under the old mapping is trusted.
        var changed = Definition(Inbox);
        changed["mapping"]!["version"] = changed["mapping"]!["version"]!.GetValue<int>() + 1;
        Assert.Equal(HttpStatusCode.OK, (await hub.Client.PutAsJsonAsync($"/api/v1/connectors/{ConnectorId}", changed)).StatusCode);

        var again = await DropAndRunAsync(hub, "cases-2.csv", [.. Enumerable.Reverse(rows)]);

        // The tampered link is written again; its golden record may take the new mapping version into its lineage.
        Assert.Equal((0L, (long)rows.Count), (Count(again, "inserted"), Count(again, "unchanged") + Count(again, "updated")));
        Assert.Equal(original, await ContentHashAsync(hub, rows[0].SourceKey));
        var after = await InputHashesAsync(hub);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(after, pair => Assert.NotEqual(before[pair.Key], pair.Value));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AKeyReadTwiceInOneRun_ChangedFirstThenAsStored_EndsAsItsLastRead(HubStack stack)
    {
        var rows = MarketRegulationFiles.Rows(60).Where(r => r.Truth.Defect is null).ToList();
        await using var hub = await StartAsync(stack);
        await DropAndRunAsync(hub, "cases-1.csv", rows);
        var key = rows[0].SourceKey;
        var name = (string)rows[0].Values[CaseNameColumn]!;

        // The export corrects the case's name at the end of its second page, and its third page begins with the row as it
        // was: the second page is still on its way to the store when the third is normalized, and the last read must win.
        var corrected = rows[0] with
        {
            Values = new Dictionary<string, object?>(rows[0].Values) { [CaseNameColumn] = name + "（更正）" },
        };
        var run = await DropAndRunAsync(hub, "cases-2.csv", [.. rows.Skip(1).Take(9), corrected, rows[0], .. rows.Skip(10)]);

        Assert.Equal((2L, (long)rows.Count - 1), (Count(run, "updated"), Count(run, "unchanged")));
        await using var store = await hub.OpenStoreAsync();
        var content = await store.ExecuteScalarAsync<string>(
            "SELECT content FROM source_records WHERE connector_id = @ConnectorId AND source_key = @key", new { ConnectorId, key });
        Assert.Equal(name, JsonNode.Parse(content!)!["caseName"]!.GetValue<string>());
    }

    private async Task<TestHub> StartAsync(HubStack stack)
    {
        var hub = await TestHub.StartAsync(stack, Directory.CreateTempSubdirectory("hub-connectors-").FullName);
        Assert.Equal(HttpStatusCode.Created, (await hub.Client.PostAsJsonAsync("/api/v1/connectors", Definition(Inbox))).StatusCode);
        return hub;
    }

    /// <summary>The market-regulation file exchange, five rows a page, so that a file of a few dozen rows is many batches.</summary>
    private static JsonObject Definition(string inbox) => new()
    {
        ["id"] = ConnectorId,
        ["name"] = "市场监督管理局 文件交换",
        ["kind"] = "file",
        ["source"] = new JsonObject { ["path"] = inbox, ["format"] = "csv", ["settleSeconds"] = 0, ["pageSize"] = 5 },
        ["mapping"] = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Connectors, MarketRegulationFiles.MappingFile)),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip }),
    };

    private async Task<JsonObject> DropAndRunAsync(TestHub hub, string file, IReadOnlyList<SampleRow> rows)
    {
        await File.WriteAllTextAsync(Path.Combine(Inbox, file), MarketRegulationFiles.Csv(rows));
        var run = await hub.RunAsync(ConnectorId);
        Assert.True(run["status"]!.GetValue<string>() == "completed" && rows.Count == Count(run, "pulled"), run.ToJsonString());
        return run;
    }

    /// <summary>Overwrites the stored content hash of one link; returns the true one.</summary>
    private static async Task<string> TamperAsync(TestHub hub, string key)
    {
        var original = await ContentHashAsync(hub, key);
        await using var store = await hub.OpenStoreAsync();
        Assert.Equal(1, await store.ExecuteAsync(
            "UPDATE source_records SET content_hash = 'tampered' WHERE connector_id = @ConnectorId AND source_key = @key", new { ConnectorId, key }));
        return original;
    }

    private static async Task<string> ContentHashAsync(TestHub hub, string key)
    {
        await using var store = await hub.OpenStoreAsync();
        return (await store.ExecuteScalarAsync<string>(
            "SELECT content_hash FROM source_records WHERE connector_id = @ConnectorId AND source_key = @key", new { ConnectorId, key }))!;
    }

    /// <summary>Versions and change-log events in the store.</summary>
    private static async Task<(long Versions, long Changes)> HistoryAsync(TestHub hub)
    {
        await using var store = await hub.OpenStoreAsync();
        return (await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM record_versions"), await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM change_log"));
    }

    private static async Task<Dictionary<string, string>> InputHashesAsync(TestHub hub)
    {
        await using var store = await hub.OpenStoreAsync();
        return (await store.QueryAsync<(string Key, string Hash)>(
            "SELECT source_key, input_hash FROM source_records WHERE connector_id = @ConnectorId", new { ConnectorId })).ToDictionary(r => r.Key, r => r.Hash);
    }

    private static long Count(JsonObject run, string name) => run[name]!.GetValue<long>();
}
