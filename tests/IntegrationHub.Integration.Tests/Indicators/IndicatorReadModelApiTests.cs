using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using IntegrationHub.Host.Apis;
using IntegrationHub.Indicators;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Reporting;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Indicators;

/// <summary>
/// Issue 13 over the API on the sample departments: the reports equal the engine's computation over the stored records,
/// the trend and ranking agree with the reports and are in the OpenAPI document, and (issue 12) no export can carry a
/// spreadsheet formula.
/// </summary>
public sealed class IndicatorReadModelApiTests
{
    [Fact]
    public async Task SampleDepartments_ApiReports_EqualTheEngineOverTheStoredRecords_ForEveryPeriodAndAsOfDay()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 250);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        foreach (var department in SampleDepartment.All)
            await hub.RunAsync(department.Id);
        var cases = await LiveCases.ReadAsync(hub.Store, null, null, null, CancellationToken.None);
        var engine = new IndicatorEngine(new IndicatorOptions());

        foreach (var asOf in new[] { "2024-03-15", "2024-09-30", "2030-01-01" })
        {
            foreach (var period in new[] { "2024", "2024-Q2", "2023-11" })
            {
                Assert.True(ReportingPeriod.TryParse(period, out var reporting));
                var context = new IndicatorContext(Canonical.Calendar.WorkingDayCalendar.China, DateOnly.Parse(asOf, CultureInfo.InvariantCulture));
                var expected = engine.Report(cases, reporting, context);
                var actual = JsonSerializer.Deserialize<IndicatorReport>(
                    await hub.Client.GetStringAsync($"/api/v1/indicators?period={period}&asOf={asOf}"), ApiJson.Options)!;
                Assert.Equal(expected.Rows, actual.Rows);
                Assert.Equal(expected.Overall, actual.Overall);
            }
        }
    }

    [Fact]
    public async Task TrendAndRanking_AgreeWithTheMonthlyAndYearReports_AndAreInTheOpenApiDocument()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 200);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        foreach (var department in SampleDepartment.All)
            await hub.RunAsync(department.Id);
        const string AsOf = "asOf=2030-01-01";
        var year = await hub.GetJsonAsync($"/api/v1/indicators?period=2024&{AsOf}");
        var province = year["overall"]!.AsArray().First(r => r!["unitKind"]!.GetValue<string>() == "province")!["unitCode"]!.GetValue<string>();

        var trend = await hub.GetJsonAsync($"/api/v1/indicators/trend?region={province[..2]}&from=2023-01&to=2024-12&{AsOf}");
        Assert.Equal(24, trend["months"]!.AsArray().Count);
        foreach (var point in trend["months"]!.AsArray().Select(p => p!.AsObject()))
        {
            var monthly = await hub.GetJsonAsync($"/api/v1/indicators?period={point["month"]}&{AsOf}");
            var row = monthly["overall"]!.AsArray().FirstOrDefault(r => r!["unitCode"]!.GetValue<string>() == province);
            Assert.Equal(row?["counted"]?.GetValue<int>() ?? 0, point["counted"]!.GetValue<int>());
            Assert.Equal(row?["unitsMeetingTargetRate"]?.GetValue<decimal?>(), point["unitsMeetingTargetRate"]?.GetValue<decimal?>());
        }

        var ranking = await hub.GetJsonAsync($"/api/v1/indicators/ranking?period=2024&{AsOf}");
        var agencies = ranking["agencies"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.Equal(year["overall"]!.AsArray().Count(r => r!["unitKind"]!.GetValue<string>() == "agency"), agencies.Count);
        var gaps = agencies.Select(a => a["gap"]!.GetValue<decimal>()).ToList();
        Assert.Equal(gaps.OrderByDescending(g => g), gaps);
        Assert.All(agencies, a => Assert.Equal(a["casesShort"]!.GetValue<int>() > 0, !a["meetsTarget"]!.GetValue<bool>()));

        var noUnit = await hub.Client.GetAsync("/api/v1/indicators/trend");
        Assert.Equal(HttpStatusCode.BadRequest, noUnit.StatusCode);
        Assert.Equal("trend.unit", JsonNode.Parse(await noUnit.Content.ReadAsStringAsync())!["rule"]!.GetValue<string>());

        var openApi = await hub.GetJsonAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/indicators/trend", "/api/v1/indicators/ranking" })
            Assert.False(string.IsNullOrEmpty(openApi["paths"]![path]!["get"]!["description"]!.GetValue<string>()));
    }

    [Fact]
    public async Task EveryCsvAndXlsxExport_NeutralizesFormulaText_FromTheSources()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 120);
        var department = SampleDepartment.MarketRegulation;
        await StagingSource.ExecuteAsync(sources, department,
            $"UPDATE \"{department.Table}\" SET \"执法机关\" = '=HYPERLINK(\"http://evil.example\",\"x\")', \"当事人名称\" = '@SUM(1+1)'");
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        foreach (var each in SampleDepartment.All)
            await hub.RunAsync(each.Id);
        const string Query = "period=2024&asOf=2030-01-01";
        var agency = (await hub.GetJsonAsync($"/api/v1/indicators?{Query}"))["overall"]!.AsArray()
            .First(r => r!["unitName"]!.GetValue<string>().StartsWith('='))!["unitCode"]!.GetValue<string>();
        var failing = (await hub.GetJsonAsync($"/api/v1/indicators?{Query}&agency={agency}"))["rows"]!.AsArray()
            .First(r => r!["met"]!.GetValue<int>() < r["counted"]!.GetValue<int>())!["indicator"]!.GetValue<string>();

        var exports = new[]
        {
            $"/api/v1/indicators?{Query}",
            $"/api/v1/indicators/{failing}/cases?{Query}&agency={agency}",
            $"/api/v1/indicators/trend?agency={agency}&from=2024-01&to=2024-12&asOf=2030-01-01",
            $"/api/v1/indicators/ranking?{Query}",
            "/api/v1/credit-publicity/penalties?period=2024&person=legal",
            "/api/v1/credit-publicity/penalties?period=2024&person=natural",
            "/api/v1/credit-publicity/licenses?period=2024&person=legal",
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in exports)
        {
            var csv = await hub.Client.GetByteArrayAsync(path + (path.Contains("credit-publicity", StringComparison.Ordinal) ? "" : "&format=csv"));
            foreach (var cell in CsvText.Parse(Encoding.UTF8.GetString(csv, 3, csv.Length - 3)).SelectMany(l => l))
                Check(path, cell, seen);
            var xlsx = await hub.Client.GetByteArrayAsync(path + "&format=xlsx");
            using var workbook = new XLWorkbook(new MemoryStream(xlsx));
            foreach (var cell in workbook.Worksheet(1).CellsUsed())
            {
                Assert.False(cell.HasFormula, $"{path}: {cell.Address} is a formula");
                if (cell.DataType == XLDataType.Text)
                    Check(path, cell.GetString(), seen);
            }
        }

        // The hostile values did reach the exports, neutralized: the agency's name and the party's name.
        Assert.Contains("'=HYPERLINK(\"http://evil.example\",\"x\")", seen);
        Assert.Contains("'@SUM(1+1)", seen);
    }

    // A cell a spreadsheet would read as a formula, unless it is a number (the hub writes negative gaps).
    private static void Check(string path, string cell, HashSet<string> seen)
    {
        seen.Add(cell);
        var start = cell.TrimStart(' ', '\t', '\r', '\n', '\u3000');
        if (start.Length == 0 || decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return;
        Assert.False(cell[0] is '\t' or '\r' || "=+-@＝＋－＠".Contains(start[0], StringComparison.Ordinal), $"{path}: the cell '{cell}' would be a formula");
    }
}
