using Dapper;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Pipeline;

/// <summary>A department's records travel source → connector → bus → normalizer → store → feed, on both stacks.</summary>
public sealed class VerticalSliceTests
{
    private const int CasesPerDepartment = 600;

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task FullSync_OfTheSampleDepartments_ConservesEveryRecord(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);

        var runs = new List<JsonObject>();
        foreach (var department in SampleDepartment.All)
        {
            var run = await hub.RunAsync(department.Id);
            Assert.Equal("completed", run["status"]!.GetValue<string>());
            Assert.Equal(await sources.CountAsync(department), Count(run, "pulled"));
            Assert.Equal(Count(run, "pulled"), Count(run, "inserted") + Count(run, "updated") + Count(run, "unchanged") + Count(run, "quarantined"));
            // Invariant 8: records travel in pages of the source's page size (500), plus the closing batch — never one per message.
            Assert.Equal((Count(run, "pulled") + 499) / 500 + 1, run["batchesStored"]!.GetValue<int>());
            runs.Add(run);
        }

        Assert.Equal(sources.DefectiveRows, runs.Sum(r => Count(r, "quarantined")));
        Assert.Equal(sources.DistinctValidCases, await hub.Store.CountRecordsAsync(CancellationToken.None));
        var feed = await hub.ReadFeedAsync();
        Assert.Equal(runs.Sum(r => Count(r, "inserted") + Count(r, "updated")), feed.Count);
        Assert.Equal(feed.Count, feed.Select(e => e["id"]!.GetValue<string>()).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task SecondSync_WithNoSourceChange_CreatesNoVersionAndNoFeedEvent(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        foreach (var department in SampleDepartment.All)
            await hub.RunAsync(department.Id);
        var feedBefore = (await hub.ReadFeedAsync()).Count;

        foreach (var department in SampleDepartment.All)
        {
            var again = await hub.RunAsync(department.Id);
            Assert.Equal("completed", again["status"]!.GetValue<string>());
            Assert.Equal(0, Count(again, "pulled"));
            Assert.Equal(0, Count(again, "inserted") + Count(again, "updated"));
        }

        Assert.Equal(feedBefore, (await hub.ReadFeedAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ChangingTenSourceRows_YieldsExactlyTenNewVersionsAndTenFeedEvents(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        var department = SampleDepartment.MarketRegulation;
        foreach (var each in SampleDepartment.All)
            await hub.RunAsync(each.Id);
        var feedBefore = (await hub.ReadFeedAsync()).Count;

        var changed = await sources.ChangeAsync(department, 10, seed: 7);
        var run = await hub.RunAsync(department.Id);

        Assert.Equal(10, changed.Count);
        Assert.Equal(10, Count(run, "pulled"));
        Assert.Equal(10, Count(run, "updated"));
        var feed = await hub.ReadFeedAsync();
        Assert.Equal(feedBefore + 10, feed.Count);
        var updates = feed.Skip(feedBefore).ToList();
        Assert.All(updates, e => Assert.EndsWith(".updated.v1", e["type"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(10, updates.Select(e => e["subject"]!.GetValue<string>()).Distinct().Count());
        foreach (var update in updates)
        {
            var history = await hub.GetJsonAsync($"/api/v1/records/{update["subject"]!.GetValue<string>()}/history");
            Assert.True(history["versions"]!.AsArray().Count >= 2);
        }
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AChangedRecord_StoresEachVersionsContentOnce_AndHistoryAndFeedStillShowEveryVersionAsItWas(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, 60);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        var department = SampleDepartment.MarketRegulation;
        await hub.RunAsync(department.Id);
        await sources.ChangeAsync(department, 5, seed: 11);
        await hub.RunAsync(department.Id);
        await sources.ChangeAsync(department, 5, seed: 11);
        await hub.RunAsync(department.Id);

        await using (var store = await hub.OpenStoreAsync())
        {
            // The current version's content is the golden record's; every superseded version holds its own.
            Assert.Equal(0, await store.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM record_versions v JOIN golden_records g ON g.id = v.record_id WHERE v.version = g.version AND v.content IS NOT NULL"));
            Assert.Equal(0, await store.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM record_versions v JOIN golden_records g ON g.id = v.record_id WHERE v.version < g.version AND v.content IS NULL"));
            Assert.True(await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM record_versions WHERE version >= 3") >= 1);
        }

        var feed = await hub.ReadFeedAsync();
        var changedIds = feed.Where(e => e["type"]!.GetValue<string>().EndsWith(".updated.v1", StringComparison.Ordinal))
            .Select(e => e["subject"]!.GetValue<string>()).Distinct().ToList();
        Assert.NotEmpty(changedIds);
        foreach (var id in changedIds)
        {
            var versions = (await hub.GetJsonAsync($"/api/v1/records/{id}/history"))["versions"]!.AsArray().Select(v => v!.AsObject()).ToList();
            var current = await hub.GetJsonAsync($"/api/v1/records/{id}");
            Assert.True(versions.Count >= 2);
            // Each version shows the content its hash was computed from; the last one is the record as it is now.
            Assert.Equal(versions.Count, versions.Select(v => v["contentHash"]!.GetValue<string>()).Distinct().Count());
            Assert.Equal(versions.Count, versions.Select(v => v["record"]!.ToJsonString()).Distinct().Count());
            Assert.True(JsonNode.DeepEquals(current["record"], versions[^1]["record"]));
            foreach (var change in feed.Where(e => e["subject"]!.GetValue<string>() == id))
            {
                var version = change["data"]!["version"]!.GetValue<int>();
                Assert.True(JsonNode.DeepEquals(versions.Single(v => v["version"]!.GetValue<int>() == version)["record"], change["data"]!["record"]),
                    $"The feed's event for version {version} of {id} carries that version's content.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task BrokenRecords_AreQuarantined_WithReasonsNamingFieldValueAndRule(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        foreach (var department in SampleDepartment.All)
            await hub.RunAsync(department.Id);

        var quarantine = await hub.GetJsonAsync("/api/v1/quarantine?limit=1000");
        var entries = quarantine["data"]!.AsArray().Select(e => e!.AsObject()).ToDictionary(e => (e["connector"]!.GetValue<string>(), e["sourceKey"]!.GetValue<string>()));
        var defective = sources.Rows.Where(r => r.Row.Truth.Defect is not null).ToList();
        Assert.NotEmpty(defective);
        Assert.Equal(defective.Count, entries.Count);
        foreach (var (department, row) in defective)
        {
            var entry = entries[(department.Id, row.SourceKey)];
            var reasons = entry["reasons"]!.AsArray().Select(r => r!.AsObject()).ToList();
            var reason = Assert.Single(reasons, r => r["sourceField"]?.GetValue<string>() == row.Truth.DefectColumn);
            Assert.False(string.IsNullOrEmpty(reason["field"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(reason["rule"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(reason["messageZh"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(reason["messageEn"]!.GetValue<string>()));
            if (row.Truth.Defect != SampleDefect.MissingRequiredField)
                Assert.False(string.IsNullOrEmpty(reason["value"]?.GetValue<string>()));
            Assert.Equal(row.Values.Count, entry["raw"]!.AsObject().Count);
        }
    }

    private static long Count(JsonObject run, string name) => run[name]!.GetValue<long>();
}
