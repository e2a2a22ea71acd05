using Dapper;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Pipeline;

/// <summary>The staging-database (前置库) pattern end to end: a row marked deleted becomes a tombstone in the store and on the feed.</summary>
public sealed class TombstoneTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task StagingRowsMarkedDeleted_BecomeTombstones_WithADeletedVersionAndFeedEvent_AndComeBackWhenInsertedAgain(HubStack stack)
    {
        var department = SampleDepartment.MarketRegulation;
        await using var sources = await SampleSources.CreateAsync(stack, 150);
        await using var hub = await StagingSource.StartHubAsync(stack, sources, department, "staging");
        var first = await hub.RunAsync("staging");
        Assert.Equal("completed", first["status"]!.GetValue<string>());

        // Three valid cases are deleted at the source: the staging table says so with 'd' and a newer watermark.
        var deletedKeys = sources.Rows.Where(r => r.Department == department && r.Row.Truth.Defect is null).Take(3).Select(r => r.Row.SourceKey).ToList();
        var stamp = 1;
        foreach (var key in deletedKeys)
            await StagingSource.ExecuteAsync(sources, department, $"UPDATE \"{department.Table}\" SET cd_operation = 'd', \"{department.WatermarkColumn}\" = '2099-01-01 00:00:00.00{stamp++}' WHERE \"{department.KeyColumn}\" = '{key}'");
        var feedBefore = (await hub.ReadFeedAsync()).Count;

        var second = await hub.RunAsync("staging");

        Assert.Equal("completed", second["status"]!.GetValue<string>());
        Assert.Equal(3, second["pulled"]!.GetValue<long>());
        Assert.Equal(3, second["deleted"]!.GetValue<long>());
        var events = (await hub.ReadFeedAsync()).Skip(feedBefore).ToList();
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal("cn.gov.enforcement.record.deleted.v1", e["type"]!.GetValue<string>()));
        foreach (var recordId in events.Select(e => e["subject"]!.GetValue<string>()))
        {
            var record = await hub.GetJsonAsync($"/api/v1/records/{recordId}");
            Assert.NotNull(record["deletedAt"]);
            Assert.Equal("deleted", record["history"]!.AsArray().Last()!["changeKind"]!.GetValue<string>());
        }

        // One of them is inserted again: it comes back as an update of the same golden record.
        await StagingSource.ExecuteAsync(sources, department, $"UPDATE \"{department.Table}\" SET cd_operation = 'i', \"{department.WatermarkColumn}\" = '2099-01-02 00:00:00.000' WHERE \"{department.KeyColumn}\" = '{deletedKeys[0]}'");
        var third = await hub.RunAsync("staging");
        Assert.Equal(1, third["updated"]!.GetValue<long>());
        var restored = (await hub.ReadFeedAsync()).Skip(feedBefore + 3).Single();
        Assert.Equal("cn.gov.enforcement.record.updated.v1", restored["type"]!.GetValue<string>());
        Assert.Null((await hub.GetJsonAsync($"/api/v1/records/{restored["subject"]!.GetValue<string>()}"))["deletedAt"]);

        await using var store = await hub.OpenStoreAsync();
        Assert.Equal(2, await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM golden_records WHERE deleted_at IS NOT NULL"));
        Assert.Equal(await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM record_versions"), await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM change_log"));
    }

}
