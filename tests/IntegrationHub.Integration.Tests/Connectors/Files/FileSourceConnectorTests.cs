using System.Text.Json.Nodes;
using ClosedXML.Excel;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Connectors.Files;

namespace IntegrationHub.Integration.Tests.Connectors.Files;

/// <summary>The file connector on real folders, without a hub: what it takes, how it resumes, how it archives.</summary>
public sealed class FileSourceConnectorTests : IDisposable
{
    private readonly string _inbox = Directory.CreateTempSubdirectory("hub-inbox-").FullName;
    private readonly FileSourceConnector _connector = new(TimeProvider.System);
    private readonly ConnectorContext _context = new(Path.GetTempPath());

    public void Dispose() => Directory.Delete(_inbox, recursive: true);

    private string InInbox(string name) => Path.Combine(_inbox, name);

    private async Task<List<SourcePage>> ReadAsync(ConnectorDefinition connector, string? checkpoint = null)
    {
        var pages = new List<SourcePage>();
        await foreach (var page in _connector.ReadAsync(connector, checkpoint, _context, CancellationToken.None))
            pages.Add(page);
        return pages;
    }

    /// <summary>A run that stores every page: the stored checkpoint is the last page's.</summary>
    private async Task<List<SourcePage>> RunAsync(ConnectorDefinition connector, string? checkpoint = null, IRecordOutcomes? outcomes = null)
    {
        var pages = await ReadAsync(connector, checkpoint);
        var stored = pages.LastOrDefault()?.CheckpointAfter ?? checkpoint;
        await _connector.OnRunFinishedAsync(connector, new RunFinished(Guid.NewGuid(), true, stored, outcomes ?? new StoredEverything()), _context, CancellationToken.None);
        return pages;
    }

    private static int Records(IEnumerable<SourcePage> pages) => pages.Sum(p => p.Records.Count);

    [Fact]
    public async Task AFileWithoutItsDoneMarker_IsNotTaken_UntilTheMarkerAppears()
    {
        File.WriteAllText(InInbox("cases.csv"), MarketRegulationFiles.Csv(MarketRegulationFiles.Rows(5)));
        var connector = MarketRegulationFiles.Connector(_inbox, configure: s => s["doneMarker"] = ".done");

        Assert.Equal(0, Records(await ReadAsync(connector)));

        File.WriteAllText(InInbox("cases.csv.done"), "");
        Assert.Equal(5, Records(await ReadAsync(connector)));
    }

    [Fact]
    public async Task AFileStillBeingWritten_IsNotTaken_UntilItHasSettled()
    {
        var path = InInbox("cases.csv");
        File.WriteAllText(path, MarketRegulationFiles.Csv(MarketRegulationFiles.Rows(5))[..200]);
        var connector = MarketRegulationFiles.Connector(_inbox, configure: s => s["settleSeconds"] = 30);

        Assert.Equal(0, Records(await ReadAsync(connector)));

        File.WriteAllText(path, MarketRegulationFiles.Csv(MarketRegulationFiles.Rows(5)));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
        Assert.Equal(5, Records(await ReadAsync(connector)));
    }

    [Fact]
    public async Task ReadingTwice_LeavesTheFolderAsItWas_AndReadsTheSameRecords()
    {
        File.WriteAllText(InInbox("cases.csv"), MarketRegulationFiles.Csv(MarketRegulationFiles.Rows(30)));
        var connector = MarketRegulationFiles.Connector(_inbox);

        var first = await ReadAsync(connector);
        var second = await ReadAsync(connector);

        Assert.Equal(["cases.csv"], Directory.EnumerateFileSystemEntries(_inbox).Select(Path.GetFileName));
        Assert.Equal(30, Records(first));
        Assert.Equal(first.Select(p => p.CheckpointAfter), second.Select(p => p.CheckpointAfter));
    }

    [Fact]
    public async Task AFileReadPartWay_ResumesAfterTheLastStoredPage_WithoutLosingOrRepeatingARow()
    {
        File.WriteAllText(InInbox("cases.csv"), MarketRegulationFiles.Csv(MarketRegulationFiles.Rows(50)));
        var connector = MarketRegulationFiles.Connector(_inbox);
        var all = await ReadAsync(connector);
        Assert.Equal([20, 20, 10], all.Select(p => p.Records.Count));

        // The hub stopped after the first page was stored.
        var resumed = await ReadAsync(connector, all[0].CheckpointAfter);

        Assert.Equal(30, Records(resumed));
        Assert.Equal(all.Skip(1).SelectMany(p => p.Records).Select(r => r.Origin), resumed.SelectMany(p => p.Records).Select(r => r.Origin));
        Assert.Equal("cases.csv row 22", resumed[0].Records[0].Origin);
    }

    [Fact]
    public async Task AFileWhoseRowsAreAllStoredButNotYetArchived_IsNotReadAgain_AndIsArchivedByTheNextRun()
    {
        File.WriteAllText(InInbox("a.csv"), MarketRegulationFiles.Csv(MarketRegulationFiles.Rows(10)));
        var connector = MarketRegulationFiles.Connector(_inbox);
        var pages = await ReadAsync(connector);
        var stored = pages[^1].CheckpointAfter;
        // Crash here: a.csv is fully stored, but the hub stopped before moving it.
        File.WriteAllText(InInbox("b.csv"), MarketRegulationFiles.Csv(MarketRegulationFiles.Rows(4, seed: 99)));

        var next = await RunAsync(connector, stored);

        Assert.Equal(4, Records(next));
        Assert.All(next.SelectMany(p => p.Records), r => Assert.StartsWith("b.csv", r.Origin, StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_inbox, "archive", "a.csv")));
        Assert.True(File.Exists(Path.Combine(_inbox, "archive", "b.csv")));
        Assert.Empty(Directory.EnumerateFiles(_inbox));
    }

    [Fact]
    public async Task AFileWhoseMarkerWasRemovedJustBeforeACrash_DoesNotHoldBackTheNextFile_AndIsStillArchived()
    {
        File.WriteAllText(InInbox("a.csv"), MarketRegulationFiles.Csv(MarketRegulationFiles.Rows(3)));
        File.WriteAllText(InInbox("a.csv.done"), "");
        var connector = MarketRegulationFiles.Connector(_inbox, configure: s => s["doneMarker"] = ".done");
        var stored = (await ReadAsync(connector))[^1].CheckpointAfter;
        // Crash while archiving: the marker is gone, the file is not moved yet.
        File.Delete(InInbox("a.csv.done"));
        File.WriteAllText(InInbox("b.csv"), MarketRegulationFiles.Csv(MarketRegulationFiles.Rows(2, seed: 7)));
        File.WriteAllText(InInbox("b.csv.done"), "");

        var next = await RunAsync(connector, stored);

        Assert.Equal(2, Records(next));
        Assert.True(File.Exists(Path.Combine(_inbox, "archive", "a.csv")));
        Assert.True(File.Exists(Path.Combine(_inbox, "archive", "b.csv")));
        Assert.Empty(Directory.EnumerateFiles(_inbox));
    }

    [Fact]
    public async Task AfterARun_AFileIsArchived_WithAReportOfEveryRow()
    {
        var rows = MarketRegulationFiles.Rows(8);
        File.WriteAllBytes(InInbox("cases-2026-11.csv"), FileTextEncodings.Gb18030.GetBytes(MarketRegulationFiles.Csv(rows, ",a row without its key and too few fields")));
        var connector = MarketRegulationFiles.Connector(_inbox);

        var pages = await RunAsync(connector, outcomes: new StoredEverything(rows[2].SourceKey, "cases-2026-11.csv row 10"));

        var problem = Assert.Single(pages.SelectMany(p => p.Records), r => r.Problem is not null);
        Assert.Equal("cases-2026-11.csv row 10", problem.Origin);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(_inbox, "archive", "cases-2026-11.csv.report.json")))!.AsObject();
        Assert.Equal("read", report["outcome"]!.GetValue<string>());
        var lines = report["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(9, lines.Count);
        Assert.Equal(rows.Select(r => r.SourceKey).Append("cases-2026-11.csv row 10"), lines.Select(l => l["sourceKey"]!.GetValue<string>()));
        Assert.Equal("quarantined", lines[2]["status"]!.GetValue<string>());
        Assert.Equal("bad row", lines[2]["reasons"]![0]!.GetValue<string>());
        Assert.Equal("row 10", lines[8]["position"]!.GetValue<string>());
        Assert.Equal(7, report["counts"]!["stored"]!.GetValue<long>());
        Assert.Equal(10, File.ReadAllLines(Path.Combine(_inbox, "archive", "cases-2026-11.csv.report.csv")).Length);
        Assert.Contains("cases-2026-11.csv", File.ReadAllText(Path.Combine(_inbox, "archive", FileInbox.LedgerFile)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameFileDroppedAgain_IsArchivedAsADuplicate_WithoutBeingRead()
    {
        var content = MarketRegulationFiles.Csv(MarketRegulationFiles.Rows(6));
        File.WriteAllText(InInbox("cases.csv"), content);
        var connector = MarketRegulationFiles.Connector(_inbox);
        var first = await RunAsync(connector);

        File.WriteAllText(InInbox("cases-again.csv"), content);
        var second = await RunAsync(connector, first[^1].CheckpointAfter);

        Assert.Equal(0, Records(second));
        Assert.True(File.Exists(Path.Combine(_inbox, "archive", "cases-again.csv")));
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(_inbox, "archive", "cases-again.csv.report.json")))!;
        Assert.Equal("duplicate", report["outcome"]!.GetValue<string>());
        Assert.Equal("archive/cases.csv", report["duplicateOf"]!.GetValue<string>());
    }

    [Fact]
    public async Task AWorkbookThatCannotBeOpened_GoesToFailed_WithAReportNamingTheProblem_AndTheNextFileIsStillRead()
    {
        File.WriteAllText(InInbox("a.xlsx"), "not a workbook");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("案件");
            var row = MarketRegulationFiles.Rows(1)[0];
            var column = 1;
            foreach (var (name, value) in row.Values)
            {
                sheet.Cell(1, column).Value = name;
                sheet.Cell(2, column++).Value = value?.ToString();
            }

            workbook.SaveAs(InInbox("b.xlsx"));
        }

        var connector = MarketRegulationFiles.Connector(_inbox, "xlsx");
        var pages = await RunAsync(connector);

        Assert.Equal(1, Records(pages));
        Assert.True(File.Exists(Path.Combine(_inbox, "failed", "a.xlsx")));
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(_inbox, "failed", "a.xlsx.report.json")))!;
        Assert.Equal("failed", report["outcome"]!.GetValue<string>());
        Assert.Contains("XLSX", report["problem"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_inbox, "archive", "b.xlsx")));
    }

    [Fact]
    public async Task AnInboxThatDoesNotExist_FailsTheCheckAtConnect()
    {
        var connector = MarketRegulationFiles.Connector(Path.Combine(_inbox, "missing"));

        var check = await _connector.CheckAsync(connector, _context, CancellationToken.None);

        Assert.False(check.Succeeded);
        Assert.Equal("connect", check.Stage);
    }
}
