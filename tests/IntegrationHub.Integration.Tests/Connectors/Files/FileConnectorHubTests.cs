using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Files;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Connectors.Files;

/// <summary>A file connector in a whole hub: dropped file → connector → bus → normalizer → store, then archive and report.</summary>
public sealed class FileConnectorHubTests : IDisposable
{
    private const string ConnectorId = "market-files";
    private readonly ScratchDirectory _scratch = new("hub-file-connector-");

    private string Inbox => Path.Combine(Root, "inbox");

    private string ConnectorsDirectory => Path.Combine(Root, "connectors");

    public FileConnectorHubTests()
    {
        Directory.CreateDirectory(Inbox);
        Directory.CreateDirectory(ConnectorsDirectory);
        File.Copy(Path.Combine(RepositoryPaths.Connectors, MarketRegulationFiles.MappingFile), Path.Combine(ConnectorsDirectory, MarketRegulationFiles.MappingFile));
        var definition = new JsonObject
        {
            ["id"] = ConnectorId,
            ["name"] = "市场监督管理局 文件交换",
            ["kind"] = "file",
            ["source"] = new JsonObject { ["path"] = Inbox, ["format"] = "csv", ["encoding"] = "auto", ["settleSeconds"] = 0 },
            ["mapping"] = MarketRegulationFiles.MappingFile,
        };
        File.WriteAllText(Path.Combine(ConnectorsDirectory, $"{ConnectorId}.connector.json"), definition.ToJsonString());
    }

    private string Root => _scratch.Path;

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AGbkCsvWithBadRows_IsStoredThroughARealHub_TheBadRowsQuarantined_AndTheReportListsEveryRow(HubStack stack)
    {
        var rows = MarketRegulationFiles.Rows(120);
        var defective = rows.Count(r => r.Truth.Defect is not null);
        Assert.True(defective > 0);
        File.WriteAllBytes(Path.Combine(Inbox, "cases-2026-11.csv"),
            FileTextEncodings.Gb18030.GetBytes(MarketRegulationFiles.Csv(rows, ",a row without its key and too few fields")));
        await using var hub = await TestHub.StartAsync(stack, ConnectorsDirectory);

        var run = await hub.RunAsync(ConnectorId);

        Assert.Equal("completed", run["status"]!.GetValue<string>());
        Assert.Equal(rows.Count + 1, Count(run, "pulled"));
        Assert.Equal(defective + 1, Count(run, "quarantined"));
        Assert.Equal(rows.Count - defective, Count(run, "inserted"));
        var report = await ReportAsync("cases-2026-11.csv");
        var lines = report["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(rows.Count + 1, lines.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].SourceKey, lines[i]["sourceKey"]!.GetValue<string>());
            Assert.Equal(rows[i].Truth.Defect is null ? "stored" : "quarantined", lines[i]["status"]!.GetValue<string>());
            if (rows[i].Truth.Defect is not null)
                Assert.NotEmpty(lines[i]["reasons"]!.AsArray());
        }

        var unreadable = lines[^1];
        Assert.Equal("quarantined", unreadable["status"]!.GetValue<string>());
        Assert.Equal($"row {rows.Count + 2}", unreadable["position"]!.GetValue<string>());
        Assert.Contains(unreadable["reasons"]!.AsArray(), r => r!.GetValue<string>().Contains("2 field(s)", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(Inbox));
    }

    [Fact]
    public async Task TheSameFileDroppedAgain_ThroughARealHub_CreatesNoNewVersionAndNoFeedEvent()
    {
        var content = MarketRegulationFiles.Csv(MarketRegulationFiles.Rows(40));
        File.WriteAllText(Path.Combine(Inbox, "cases.csv"), content, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, ConnectorsDirectory);
        var first = await hub.RunAsync(ConnectorId);
        Assert.True(Count(first, "inserted") > 0);
        await ReportAsync("cases.csv");
        var feedBefore = (await hub.ReadFeedAsync()).Count;

        File.WriteAllText(Path.Combine(Inbox, "cases-resent.csv"), content, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var second = await hub.RunAsync(ConnectorId);

        Assert.Equal("completed", second["status"]!.GetValue<string>());
        Assert.Equal(0, Count(second, "pulled"));
        var report = await ReportAsync("cases-resent.csv");
        Assert.Equal("duplicate", report["outcome"]!.GetValue<string>());
        Assert.Equal(feedBefore, (await hub.ReadFeedAsync()).Count);
    }

    /// <summary>The report appears once the hub has run the connector's after-run step (just after the run is stored).</summary>
    private async Task<JsonObject> ReportAsync(string file)
    {
        var path = Path.Combine(Inbox, "archive", file + ".report.json");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(path) || File.Exists(Path.Combine(Inbox, file)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"No report {path} in time.");
            await Task.Delay(100);
        }

        return JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
    }

    private static long Count(JsonObject run, string name) => run[name]!.GetValue<long>();
}
