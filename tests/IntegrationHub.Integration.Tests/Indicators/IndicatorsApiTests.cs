using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Indicators;

/// <summary>The indicator API and its CSV export over the bundled sample departments, and the 双公示 export of the same data.</summary>
public sealed class IndicatorsApiTests
{
    private const int CasesPerDepartment = 300;

    // Every deadline of the 2023–2024 sample decisions has passed on this day, so the figures do not move with the clock.
    private const string Query = "period=2024&asOf=2030-01-01";

    [Fact]
    public async Task SampleDepartments_ApiAndCsvExport_AgreeOnEveryFigure_AndEachFigureDrillsDownToItsFailingCases()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        foreach (var department in SampleDepartment.All)
            Assert.Equal("completed", (await hub.RunAsync(department.Id))["status"]!.GetValue<string>());

        var report = await hub.GetJsonAsync($"/api/v1/indicators?{Query}");
        var rows = report["rows"]!.AsArray().Concat(report["overall"]!.AsArray()).Select(r => r!.AsObject()).ToList();
        Assert.NotEmpty(report["rows"]!.AsArray());
        Assert.Contains(rows, r => r["unitKind"]!.GetValue<string>() == "province");

        var csv = await ReadCsvAsync(hub, $"/api/v1/indicators?{Query}&format=csv");
        var header = csv[0];
        var byKey = csv.Skip(1).ToDictionary(line => (line[header.IndexOf("unitCode")], line[header.IndexOf("indicator")]));
        Assert.Equal(rows.Count, byKey.Count);
        foreach (var row in rows)
        {
            var line = byKey[(row["unitCode"]!.GetValue<string>(), row["indicator"]!.GetValue<string>())];
            Assert.Equal(row["met"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture), line[header.IndexOf("met")]);
            Assert.Equal(row["counted"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture), line[header.IndexOf("counted")]);
            Assert.Equal(row["rate"]?.GetValue<decimal>(), Decimal(line[header.IndexOf("rate")]));
            Assert.Equal(row["unitsMeetingTarget"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture), line[header.IndexOf("unitsMeetingTarget")]);
        }

        // The XLSX export holds the same table, with the counts as numbers.
        using (var xlsx = await hub.Client.GetAsync($"/api/v1/indicators?{Query}&format=xlsx"))
        {
            xlsx.EnsureSuccessStatusCode();
            using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
            var sheet = workbook.Worksheet(1);
            Assert.Equal(header, sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList());
            Assert.Equal(rows.Count, sheet.LastRowUsed()!.RowNumber() - 1);
            foreach (var row in sheet.RowsUsed().Skip(1))
            {
                var line = byKey[(row.Cell(header.IndexOf("unitCode") + 1).GetString(), row.Cell(header.IndexOf("indicator") + 1).GetString())];
                Assert.Equal(decimal.Parse(line[header.IndexOf("counted")], CultureInfo.InvariantCulture), row.Cell(header.IndexOf("counted") + 1).GetValue<decimal>());
            }
        }

        // Drill-down: for each agency figure, the failing cases number counted − met.
        foreach (var row in report["rows"]!.AsArray().Select(r => r!.AsObject()).Where(r => r["unitKind"]!.GetValue<string>() == "agency").Take(12))
        {
            var (agency, code) = (row["unitCode"]!.GetValue<string>(), row["indicator"]!.GetValue<string>());
            var cases = await hub.GetJsonAsync($"/api/v1/indicators/{code}/cases?{Query}&agency={agency}");
            Assert.Equal(row["counted"]!.GetValue<int>() - row["met"]!.GetValue<int>(), cases["count"]!.GetValue<int>());
            Assert.All(cases["data"]!.AsArray(), c => Assert.False(string.IsNullOrEmpty(c!["reasonZh"]!.GetValue<string>())));
        }
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task IndicatorReport_AfterAnotherSync_CountsTheNewRecords_NotAStaleSnapshot(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, 40);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        var (first, second) = (SampleDepartment.All[0], SampleDepartment.All[1]);
        await hub.RunAsync(first.Id);
        var before = await CountedAsync(hub);
        Assert.Equal(before, await CountedAsync(hub));

        await hub.RunAsync(second.Id);
        Assert.True(await CountedAsync(hub) > before);
    }

    // The cases counted for the province rows of every indicator: grows with every new record of the year.
    private static async Task<int> CountedAsync(TestHub hub) =>
        (await hub.GetJsonAsync($"/api/v1/indicators?{Query}"))["rows"]!.AsArray()
            .Where(r => r!["unitKind"]!.GetValue<string>() == "province").Sum(r => r!["counted"]!.GetValue<int>());

    [Fact]
    public async Task Indicators_UnknownCodeOrBadPeriod_AreProblemsNamingTheParameter()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 5);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var unknown = await hub.Client.GetAsync("/api/v1/indicators/no-such-indicator/cases");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var badPeriod = await hub.Client.GetAsync("/api/v1/indicators?period=2024-Q7");
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Equal("period", JsonNode.Parse(await badPeriod.Content.ReadAsStringAsync())!["parameter"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreditPublicityExport_OfTheSamplePenalties_ExportsEveryRowThatPassesItsCheck()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        foreach (var department in SampleDepartment.All)
            await hub.RunAsync(department.Id);

        var check = await hub.GetJsonAsync("/api/v1/credit-publicity/penalties/check?period=2024");
        var exported = 0;
        var rejected = 0;
        foreach (var person in new[] { "legal", "natural" })
        {
            using var response = await hub.Client.GetAsync($"/api/v1/credit-publicity/penalties?period=2024&person={person}");
            response.EnsureSuccessStatusCode();
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
            var lines = CsvText.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
            Assert.Equal("CF_XDR_MC", lines[0][0]);
            exported += lines.Count - 1;
            rejected += int.Parse(response.Headers.GetValues("X-Hub-Rejected-Records").Single(), CultureInfo.InvariantCulture);
        }

        Assert.True(exported > 0);

        // The same rows in GBK and in XLSX.
        using (var gbk = await hub.Client.GetAsync("/api/v1/credit-publicity/penalties?period=2024&person=legal&encoding=gbk"))
        using (var xlsx = await hub.Client.GetAsync("/api/v1/credit-publicity/penalties?period=2024&person=legal&format=xlsx"))
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var lines = CsvText.Parse(Encoding.GetEncoding(54936).GetString(await gbk.Content.ReadAsByteArrayAsync()));
            using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
            var sheet = workbook.Worksheet(1);
            Assert.Equal(lines.Count, sheet.LastRowUsed()!.RowNumber());
            Assert.Equal(lines[1][0], sheet.Cell(2, 1).GetString());
            Assert.Contains(lines.Skip(1), l => l[0].Any(c => c > 0x4E00));
        }
        Assert.Equal(check["accepted"]!.GetValue<int>(), exported);
        Assert.Equal(check["rejected"]!.GetValue<int>(), rejected);
        Assert.Equal(0, rejected);
    }

    private static async Task<List<List<string>>> ReadCsvAsync(TestHub hub, string path)
    {
        using var response = await hub.Client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return CsvText.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    private static decimal? Decimal(string text) =>
        text.Length == 0 ? null : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
