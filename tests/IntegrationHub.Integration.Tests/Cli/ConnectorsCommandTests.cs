using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.Cli;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Cli;

/// <summary><c>hub connectors …</c> against a real hub (embedded stack) reading the sample departments' sources.</summary>
public sealed partial class ConnectorsCommandTests
{
    private const int CasesPerDepartment = 50;

    private static readonly SampleDepartment Department = SampleDepartment.MarketRegulation;

    [Fact]
    public async Task List_ShowsEverySampleConnectorInATable()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var result = await HubCommandLine.RunAsync(hub, "connectors", "list");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.StartsWith("ID", result.Output, StringComparison.Ordinal);
        foreach (var department in SampleDepartment.All)
            Assert.Contains(department.Id, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListWithJson_PrintsTheConnectorsAsAJsonArray()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var result = await HubCommandLine.RunAsync(hub, "connectors", "list", "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var ids = JsonNode.Parse(result.Output)!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(SampleDepartment.All.Select(d => d.Id).Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task Show_PrintsTheConnectorAndItsSourceWithoutTheConnectionString()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var result = await HubCommandLine.RunAsync(hub, "connectors", "show", Department.Id);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"id         {Department.Id}", result.Output, StringComparison.Ordinal);
        Assert.Contains(Department.Table, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Data Source=", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_OfAnUnknownConnector_ExitsOneAndPrintsTheProblem()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var result = await HubCommandLine.RunAsync(hub, "connectors", "show", "no-such-connector");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("error: The connector does not exist. (404)", result.Error, StringComparison.Ordinal);
        Assert.Contains("parameter: id = no-such-connector (rule connector.exists)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunWithWait_PrintsTheConservationCountsAndExitsZero()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var result = await HubCommandLine.RunAsync(hub, "connectors", "run", Department.Id, "--wait");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"of {Department.Id} completed", result.Output, StringComparison.Ordinal);
        var pulled = RunCountLine.Of(result.Output, "pulled");
        Assert.Equal(await sources.CountAsync(Department), pulled);
        Assert.Equal(pulled, RunCountLine.Of(result.Output, "inserted") + RunCountLine.Of(result.Output, "updated") + RunCountLine.Of(result.Output, "unchanged")
            + RunCountLine.Of(result.Output, "quarantined") + RunCountLine.Of(result.Output, "deleted"));
        Assert.Equal(sources.DefectiveRowsOf(Department), RunCountLine.Of(result.Output, "quarantined"));
    }

    [Fact]
    public async Task BackfillWithWait_RenormalizesTheStoredRecords_AndPrintsUnchangedCountsWhenTheMappingDidNotChange()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        var stored = (await hub.RunAsync(Department.Id))["inserted"]!.GetValue<long>();

        var result = await HubCommandLine.RunAsync(hub, "connectors", "backfill", Department.Id, "--wait");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"of {Department.Id} completed", result.Output, StringComparison.Ordinal);
        Assert.Equal(stored, RunCountLine.Of(result.Output, "pulled"));
        Assert.Equal(stored, RunCountLine.Of(result.Output, "unchanged"));
    }

    [Fact]
    public async Task Run_OnATerminal_WaitsForTheEndByDefault()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var result = await HubCommandLine.RunOnTerminalAsync(hub, "connectors", "run", Department.Id);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"of {Department.Id} completed", result.Output, StringComparison.Ordinal);
        Assert.Equal(await sources.CountAsync(Department), RunCountLine.Of(result.Output, "pulled"));
    }

    [Fact]
    public async Task Run_IntoAPipeWithoutWait_ReturnsOnceTheHubAcceptedIt()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var result = await HubCommandLine.RunAsync(hub, "connectors", "run", Department.Id);
        var run = await hub.WaitForRunAsync(Department.Id, "api");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"Run of {Department.Id} requested.", result.Output, StringComparison.Ordinal);
        Assert.Equal("completed", run["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Runs_AfterARun_ShowsItInTheHistoryTable()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        var run = await hub.RunAsync(Department.Id);

        var table = await HubCommandLine.RunAsync(hub, "connectors", "runs", Department.Id);
        var json = await HubCommandLine.RunAsync(hub, "connectors", "runs", Department.Id, "--json", "--limit", "1");

        Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
        Assert.StartsWith("STARTED", table.Output, StringComparison.Ordinal);
        Assert.Contains("completed", table.Output, StringComparison.Ordinal);
        Assert.Contains(run["pulled"]!.GetValue<long>().ToString("N0", CultureInfo.InvariantCulture), table.Output, StringComparison.Ordinal);
        Assert.True(json.ExitCode == ExitCodes.Ok, json.ToString());
        Assert.Equal(run["id"]!.GetValue<string>(), JsonNode.Parse(json.Output)!.AsArray().Single()!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_OfAConnectorDisabledInItsFile_ExitsOneAndPrintsTheProblem()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        var file = Path.Combine(sources.ConnectorsDirectory, $"{Department.Id}.connector.json");
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        definition["enabled"] = false;
        await File.WriteAllTextAsync(file, definition.ToJsonString());
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var result = await HubCommandLine.RunAsync(hub, "connectors", "run", Department.Id, "--wait");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("error: The connector is disabled. (409)", result.Error, StringComparison.Ordinal);
        Assert.Contains($"parameter: id = {Department.Id} (rule connector.enabled)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_ThenRun_ExitsOneAndPrintsTheProblem()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var disable = await HubCommandLine.RunAsync(hub, "connectors", "disable", Department.Id);
        var run = await HubCommandLine.RunAsync(hub, "connectors", "run", Department.Id, "--wait");
        var enable = await HubCommandLine.RunAsync(hub, "connectors", "enable", Department.Id);
        var again = await HubCommandLine.RunAsync(hub, "connectors", "run", Department.Id, "--wait");

        Assert.True(disable.ExitCode == ExitCodes.Ok, disable.ToString());
        Assert.Contains($"Connector {Department.Id} is disabled.", disable.Output, StringComparison.Ordinal);
        Assert.True(run.ExitCode == ExitCodes.Failed, run.ToString());
        Assert.Contains("disabled", run.Error, StringComparison.Ordinal);
        Assert.Contains("(409)", run.Error, StringComparison.Ordinal);
        Assert.True(enable.ExitCode == ExitCodes.Ok, enable.ToString());
        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
    }

    [Fact]
    public async Task Check_OfAReadableSource_SucceedsAndExitsZero()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var result = await HubCommandLine.RunAsync(hub, "connectors", "check", Department.Id);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains($"Check of {Department.Id} succeeded", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_OfASourceWhoseTableIsMissing_FailsAndExitsOne()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        var file = Path.Combine(sources.ConnectorsDirectory, $"{Department.Id}.connector.json");
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        definition["source"]!["table"] = "no_such_table";
        await File.WriteAllTextAsync(file, definition.ToJsonString());
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var result = await HubCommandLine.RunAsync(hub, "connectors", "check", Department.Id);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains($"Check of {Department.Id} failed at stage", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_PrintsEverySampledRecordWithItsStatusAndBothMessagesOfEachIssue()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var human = await HubCommandLine.RunAsync(hub, "connectors", "preview", Department.Id, "--limit", "500");
        var json = await HubCommandLine.RunAsync(hub, "connectors", "preview", Department.Id, "--limit", "500", "--json");

        Assert.True(human.ExitCode == ExitCodes.Ok, human.ToString());
        Assert.True(json.ExitCode == ExitCodes.Ok, json.ToString());
        var preview = JsonNode.Parse(json.Output)!.AsObject();
        var records = preview["records"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(await sources.CountAsync(Department), preview["sampled"]!.GetValue<int>());
        Assert.Equal(sources.DefectiveRowsOf(Department), records.Count(r => r["status"]!.GetValue<string>() == "rejected"));
        Assert.StartsWith($"Preview of {Department.Id}: {records.Count} sampled", human.Output, StringComparison.Ordinal);
        foreach (var record in records)
        {
            Assert.Matches($"(?m)^{Regex.Escape(record["sourceKey"]!.GetValue<string>())} +{record["status"]!.GetValue<string>()}$", human.Output);
            foreach (var issue in record["issues"]!.AsArray())
            {
                Assert.Contains(issue!["messageZh"]!.GetValue<string>(), human.Output, StringComparison.Ordinal);
                Assert.Contains(issue["messageEn"]!.GetValue<string>(), human.Output, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Preview_WithALimitTheHubRefuses_ExitsOneAndPrintsTheParameterValueAndRule()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var result = await HubCommandLine.RunAsync(hub, "connectors", "preview", Department.Id, "--limit", "100000");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("error: A request parameter is invalid. (400)", result.Error, StringComparison.Ordinal);
        Assert.Contains("  limit: must be", result.Error, StringComparison.Ordinal);
        Assert.Contains("parameter: limit = 100000 (rule limit.range)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_ListsTheSourceFieldsWithTheirTypes()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var result = await HubCommandLine.RunAsync(hub, "connectors", "discover", Department.Id, "--sample", "10");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.StartsWith($"10 records of {Department.Id} sampled.", result.Output, StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(result.Output, "(?m)^案件名称 +string +10 +0 ", RegexOptions.None, TimeSpan.FromSeconds(1)), result.ToString());
    }
}
