using System.Text.Json.Nodes;
using IntegrationHub.Cli;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Cli;

/// <summary><c>hub quarantine …</c> against a real hub (embedded stack): list, show, and replay after a mapping fix.</summary>
public sealed class QuarantineCommandTests
{
    private const int CasesPerDepartment = 100;

    private static readonly SampleDepartment Department = SampleDepartment.EcologyEnvironment;

    [Fact]
    public async Task ListShowAndReplay_AfterTheMappingIsFixed_StoreTheRecordsAndCountsConserve()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        var fixMapping = await sources.BreakCategoryMappingAsync(Department);
        await using var settings = await HubSettings.CreateAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        int openBefore;
        await using (var hub = await TestHub.StartAsync(settings))
        {
            await hub.RunAsync(Department.Id);

            var table = await HubCommandLine.RunAsync(hub, "quarantine", "list", "--connector", Department.Id, "--rule", "mapping.code-unknown");
            var json = await HubCommandLine.RunAsync(hub, "quarantine", "list", "--connector", Department.Id, "--limit", "1000", "--json");

            Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
            Assert.StartsWith("ID", table.Output, StringComparison.Ordinal);
            Assert.Contains("mapping.code-unknown", table.Output, StringComparison.Ordinal);
            Assert.True(json.ExitCode == ExitCodes.Ok, json.ToString());
            var entries = JsonNode.Parse(json.Output)!["data"]!.AsArray();
            openBefore = entries.Count;
            Assert.True(openBefore > sources.DefectiveRowsOf(Department));

            var entry = entries.First(e => e!["reasons"]!.AsArray().Any(r => r!["rule"]!.GetValue<string>() == "mapping.code-unknown"))!;
            var show = await HubCommandLine.RunAsync(hub, "quarantine", "show", entry["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.True(show.ExitCode == ExitCodes.Ok, show.ToString());
            Assert.Contains($"source key {entry["sourceKey"]!.GetValue<string>()}", show.Output, StringComparison.Ordinal);
            Assert.Contains("\nraw\n  {", show.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            foreach (var reason in entry["reasons"]!.AsArray())
            {
                Assert.Contains($"[{reason!["rule"]!.GetValue<string>()}]", show.Output, StringComparison.Ordinal);
                Assert.Contains(reason["messageZh"]!.GetValue<string>(), show.Output, StringComparison.Ordinal);
                Assert.Contains(reason["messageEn"]!.GetValue<string>(), show.Output, StringComparison.Ordinal);
            }
        }

        // The operator fixes the mapping (and raises its version) and restarts the hub.
        await fixMapping();
        await using (var hub = await TestHub.StartAsync(settings))
        {
            var replay = await HubCommandLine.RunAsync(hub, "quarantine", "replay", "--connector", Department.Id, "--wait");

            Assert.True(replay.ExitCode == ExitCodes.Ok, replay.ToString());
            Assert.Contains($"Replay of {Department.Id} started: {openBefore} entries selected.", replay.Output, StringComparison.Ordinal);
            Assert.Contains($"of {Department.Id} completed", replay.Output, StringComparison.Ordinal);
            var pulled = RunCountLine.Of(replay.Output, "pulled");
            var stored = RunCountLine.Of(replay.Output, "inserted") + RunCountLine.Of(replay.Output, "updated") + RunCountLine.Of(replay.Output, "unchanged");
            Assert.Equal(openBefore, pulled);
            Assert.Equal(pulled, stored + RunCountLine.Of(replay.Output, "quarantined") + RunCountLine.Of(replay.Output, "deleted"));
            Assert.True(stored > 0);

            var open = await HubCommandLine.RunAsync(hub, "quarantine", "list", "--connector", Department.Id, "--status", "open", "--limit", "1000", "--json");
            Assert.True(open.ExitCode == ExitCodes.Ok, open.ToString());
            Assert.Equal(sources.DefectiveRowsOf(Department), JsonNode.Parse(open.Output)!["data"]!.AsArray().Count);
        }
    }

    [Fact]
    public async Task Replay_WithSinceAndUntil_SelectsOnlyTheEntriesLastSeenInThatWindow()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, CasesPerDepartment);
        var fixMapping = await sources.BreakCategoryMappingAsync(Department);
        await using var settings = await HubSettings.CreateAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        await using (var hub = await TestHub.StartAsync(settings))
            await hub.RunAsync(Department.Id);

        await fixMapping();
        await using (var hub = await TestHub.StartAsync(settings))
        {
            var open = await HubCommandLine.RunAsync(hub, "quarantine", "list", "--connector", Department.Id, "--limit", "1000", "--json");
            var openBefore = JsonNode.Parse(open.Output)!["data"]!.AsArray().Count;
            Assert.True(openBefore > sources.DefectiveRowsOf(Department), open.ToString());

            // Entries were last seen today: a window after today, or one that ended before, selects none of them.
            var later = await HubCommandLine.RunAsync(hub, "quarantine", "replay", "--connector", Department.Id, "--since", "2099-01-01");
            var earlier = await HubCommandLine.RunAsync(hub, "quarantine", "replay", "--until", "2000-01-01T00:00:00Z");
            Assert.True(later.ExitCode == ExitCodes.Ok, later.ToString());
            Assert.True(earlier.ExitCode == ExitCodes.Ok, earlier.ToString());
            Assert.Contains("Nothing to replay", later.Output, StringComparison.Ordinal);
            Assert.Contains("Nothing to replay", earlier.Output, StringComparison.Ordinal);

            var window = await HubCommandLine.RunAsync(hub, "quarantine", "replay", "--connector", Department.Id,
                "--since", "2000-01-01", "--until", "2099-01-01T00:00:00+08:00", "--wait");
            Assert.True(window.ExitCode == ExitCodes.Ok, window.ToString());
            Assert.Contains($"Replay of {Department.Id} started: {openBefore} entries selected.", window.Output, StringComparison.Ordinal);
            Assert.Equal(openBefore, RunCountLine.Of(window.Output, "pulled"));
        }
    }

    [Fact]
    public async Task Show_OfAnUnknownEntry_ExitsOneAndPrintsTheProblem()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 10);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);

        var result = await HubCommandLine.RunAsync(hub, "quarantine", "show", "987654321");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("error: The quarantine entry does not exist. (404)", result.Error, StringComparison.Ordinal);
        Assert.Contains("parameter: id = 987654321 (rule quarantine.exists)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("quarantine", "list", "--limit", "0")]
    [InlineData("quarantine", "list", "--limit", "many")]
    [InlineData("quarantine", "list", "--status", "closed")]
    [InlineData("quarantine", "show", "not-a-number")]
    [InlineData("quarantine", "replay")]
    [InlineData("quarantine", "replay", "7", "--all")]
    [InlineData("quarantine", "replay", "--since", "yesterday")]
    [InlineData("quarantine", "replay", "--since", "2024-05-01T08:00:00")]
    [InlineData("quarantine", "replay", "--all", "--since", "2024-05-01")]
    [InlineData("quarantine", "replay", "--since", "2024-05-02", "--until", "2024-05-01")]
    public async Task AWrongCommandLine_ExitsTwoWithoutAskingTheHub(params string[] args)
    {
        var result = await HubCommandLine.RunAsync([.. args, "--url", HubCommandLine.UnusedAddress()]);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
    }
}
