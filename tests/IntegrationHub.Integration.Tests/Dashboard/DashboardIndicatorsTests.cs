using System.Globalization;
using System.Text.RegularExpressions;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Dashboard;

/// <summary>Issue 7: for the bundled sample departments, the indicator page, the API and the CSV export agree.</summary>
public sealed partial class DashboardIndicatorsTests
{
    private const string Query = "period=2024&asOf=2030-01-01";

    [Fact]
    public async Task IndicatorPage_ShowsTheApisRankingAndRegionFigures_AndExportsTheSameCsv()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 300);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        foreach (var department in SampleDepartment.All)
            await hub.RunAsync(department.Id);
        using var session = await DashboardSession.SignInAsync(hub, (await File.ReadAllTextAsync(Path.Combine(hub.DataDirectory, "admin.key"))).Trim());

        var report = await hub.GetJsonAsync($"/api/v1/indicators?{Query}");
        var overall = report["overall"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var page = await session.Client.GetStringAsync($"/indicators?{Query}");

        var agencies = overall.Where(r => r["unitKind"]!.GetValue<string>() == "agency").ToList();
        var ranking = RankingRow().Matches(page).ToList();
        Assert.NotEmpty(agencies);
        Assert.Equal(agencies.Count, ranking.Count);
        foreach (var row in ranking)
        {
            var api = agencies.Single(a => a["unitCode"]!.GetValue<string>() == row.Groups["unit"].Value);
            Assert.Equal(api["met"]!.GetValue<int>(), int.Parse(row.Groups["met"].Value, CultureInfo.InvariantCulture));
            Assert.Equal(api["counted"]!.GetValue<int>(), int.Parse(row.Groups["counted"].Value, CultureInfo.InvariantCulture));
            Assert.Equal(api["rate"]?.GetValue<decimal>(), decimal.Parse(row.Groups["rate"].Value, CultureInfo.InvariantCulture));
        }

        // The ranking is ordered by rate, best first.
        var rates = ranking.Select(r => decimal.Parse(r.Groups["rate"].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(rates.OrderByDescending(r => r), rates);

        var regions = overall.Where(r => r["unitKind"]!.GetValue<string>() != "agency").ToList();
        var regionRows = RegionRow().Matches(page).ToList();
        Assert.NotEmpty(regions);
        Assert.Equal(regions.Count, regionRows.Count);
        foreach (var row in regionRows)
        {
            var api = regions.Single(a => a["unitCode"]!.GetValue<string>() == row.Groups["unit"].Value);
            Assert.Equal(api["units"]!.GetValue<int>(), int.Parse(row.Groups["units"].Value, CultureInfo.InvariantCulture));
            Assert.Equal(api["unitsMeetingTarget"]!.GetValue<int>(), int.Parse(row.Groups["reaching"].Value, CultureInfo.InvariantCulture));
        }

        Assert.Contains("<svg class=\"chart line\"", page);

        var apiCsv = await hub.Client.GetByteArrayAsync($"/api/v1/indicators?{Query}&format=csv");
        var pageCsv = await session.Client.GetByteArrayAsync($"/indicators?handler=export&format=csv&{Query}");
        Assert.Equal(apiCsv, pageCsv);
    }

    [GeneratedRegex("<tr data-unit=\"(?<unit>[^\"]+)\" data-met=\"(?<met>\\d+)\" data-counted=\"(?<counted>\\d+)\" data-rate=\"(?<rate>[0-9.]+)\">")]
    private static partial Regex RankingRow();

    [GeneratedRegex("<tr data-unit=\"(?<unit>[^\"]+)\" data-units=\"(?<units>\\d+)\" data-reaching=\"(?<reaching>\\d+)\"")]
    private static partial Regex RegionRow();
}
