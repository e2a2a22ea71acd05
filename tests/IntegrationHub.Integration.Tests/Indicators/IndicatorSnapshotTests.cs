using System.Text.Json.Nodes;
using IntegrationHub.Indicators;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Indicators;

/// <summary>
/// The indicator snapshot follows the change log: after a sync it applies only the changed records, so an updated case
/// is assessed again and a tombstone leaves the figures.
/// </summary>
public sealed class IndicatorSnapshotTests
{
    private const string Query = "period=2024&asOf=2030-01-01";
    private const string Timeliness = IndicatorCodes.PublicationTimelinessPermitPenalty;

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task IndicatorReport_AfterASyncThatUpdatesAndDeletesCases_AssessesTheUpdateAndLeavesTheDeletedCasesOut(HubStack stack)
    {
        var department = SampleDepartment.MarketRegulation;
        await using var sources = await SampleSources.CreateAsync(stack, 80);
        await using var hub = await StagingSource.StartHubAsync(stack, sources, department, "staging");
        Assert.Equal("completed", (await hub.RunAsync("staging"))["status"]!.GetValue<string>());

        // Valid penalties of 2024 published at some date: one loses its publication date, two are deleted at the source.
        var published = sources.Rows
            .Where(r => r.Department == department && r.Row.Truth.Defect is null && Equals(r.Row.Values["案件类别"], "02")
                && r.Row.Values["公示日期"] is not null && r.Row.Values["决定日期"]?.ToString()?.StartsWith("2024", StringComparison.Ordinal) == true)
            .Select(r => r.Row.SourceKey).Take(3).ToList();
        Assert.Equal(3, published.Count);
        var countedBefore = await ProvinceCountedAsync(hub);
        var failingBefore = await FailingIdsAsync(hub, Timeliness);

        await StagingSource.ExecuteAsync(sources, department, $"UPDATE \"{department.Table}\" SET \"公示日期\" = NULL, \"{department.WatermarkColumn}\" = '2099-01-01 00:00:00.001' WHERE \"{department.KeyColumn}\" = '{published[0]}'");
        foreach (var (key, stamp) in published.Skip(1).Select((k, i) => (k, i + 2)))
            await StagingSource.ExecuteAsync(sources, department, $"UPDATE \"{department.Table}\" SET cd_operation = 'd', \"{department.WatermarkColumn}\" = '2099-01-01 00:00:00.00{stamp}' WHERE \"{department.KeyColumn}\" = '{key}'");
        var feedBefore = (await hub.ReadFeedAsync()).Count;
        var second = await hub.RunAsync("staging");
        Assert.Equal((1, 2), (second["updated"]!.GetValue<long>(), second["deleted"]!.GetValue<long>()));
        var events = (await hub.ReadFeedAsync()).Skip(feedBefore).ToList();
        var updated = events.Single(e => e["type"]!.GetValue<string>().EndsWith(".updated.v1", StringComparison.Ordinal))["subject"]!.GetValue<string>();
        var deleted = events.Where(e => e["type"]!.GetValue<string>().EndsWith(".deleted.v1", StringComparison.Ordinal)).Select(e => e["subject"]!.GetValue<string>()).ToList();

        // The unpublished case now fails timeliness as missing; the deleted ones are in no figure and no drill-down.
        var failingAfter = await FailingIdsAsync(hub, Timeliness);
        Assert.DoesNotContain(updated, failingBefore.Keys);
        Assert.Equal("publication.missing", failingAfter[updated]);
        Assert.True(await ProvinceCountedAsync(hub) < countedBefore);
        foreach (var code in IndicatorCatalog.All.Select(i => i.Definition.Code))
        {
            var failing = await FailingIdsAsync(hub, code);
            Assert.All(deleted, id => Assert.DoesNotContain(id, failing.Keys));
        }

        // Each agency's figures from the refreshed snapshot equal those read straight from the store for that agency.
        var report = await hub.GetJsonAsync($"/api/v1/indicators?{Query}");
        var agencyRows = report["rows"]!.AsArray().Select(r => r!.AsObject()).Where(r => r["unitKind"]!.GetValue<string>() == "agency").ToList();
        Assert.NotEmpty(agencyRows);
        foreach (var agency in agencyRows.Select(r => r["unitCode"]!.GetValue<string>()).Distinct())
        {
            var direct = (await hub.GetJsonAsync($"/api/v1/indicators?{Query}&agency={agency}"))["rows"]!.AsArray()
                .Select(r => r!.AsObject()).Where(r => r["unitKind"]!.GetValue<string>() == "agency");
            Assert.Equal(Figures(direct), Figures(agencyRows.Where(r => r["unitCode"]!.GetValue<string>() == agency)));
        }
    }

    private static List<string> Figures(IEnumerable<JsonObject> rows) =>
        [.. rows.Select(r => $"{r["indicator"]} {r["met"]}/{r["counted"]}").Order(StringComparer.Ordinal)];

    // The cases counted for the province rows of every indicator.
    private static async Task<int> ProvinceCountedAsync(TestHub hub) =>
        (await hub.GetJsonAsync($"/api/v1/indicators?{Query}"))["rows"]!.AsArray()
            .Where(r => r!["unitKind"]!.GetValue<string>() == "province").Sum(r => r!["counted"]!.GetValue<int>());

    // Record id → rule of every case failing the indicator, over all agencies (the snapshot's path).
    private static async Task<Dictionary<string, string>> FailingIdsAsync(TestHub hub, string code) =>
        (await hub.GetJsonAsync($"/api/v1/indicators/{code}/cases?{Query}"))["data"]!.AsArray()
            .ToDictionary(c => c!["recordId"]!.GetValue<string>(), c => c!["rule"]!.GetValue<string>());

}
