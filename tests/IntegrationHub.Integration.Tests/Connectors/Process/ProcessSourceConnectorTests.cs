using System.Diagnostics;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Process;

namespace IntegrationHub.Integration.Tests.Connectors.Process;

/// <summary>The process connector running the shipped Singer tap (a real bash process), without a hub.</summary>
public sealed class ProcessSourceConnectorTests
{
    [Fact]
    public async Task Read_RecordsAndStates_PagesEndAtEachStateWhichIsTheirCheckpoint()
    {
        using var tap = ReplayTap.Counting(7);

        var pages = await ReplayTap.ReadAllAsync(tap.Source(stateEvery: 3));

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], ReplayTap.Ids(pages));
        Assert.Equal([3, 3, 1], pages.Select(p => p.Records.Count));
        Assert.Equal(["""{"line":3}""", """{"line":6}""", """{"line":7}"""], pages.Select(p => p.CheckpointAfter));
    }

    [Fact]
    public async Task Read_PageSizeSmallerThanTheStateInterval_CutsPagesThatKeepThePreviousState()
    {
        using var tap = ReplayTap.Counting(5);

        var pages = await ReplayTap.ReadAllAsync(tap.Source(stateEvery: 4, pageSize: 3));

        Assert.Equal([1, 2, 3, 4, 5], ReplayTap.Ids(pages));
        // Page 1 (ids 1–3) has no STATE yet: resuming from it must read them again, so it carries the initial (null) state.
        Assert.Equal([null, """{"line":4}""", """{"line":5}"""], pages.Select(p => p.CheckpointAfter));
    }

    [Fact]
    public async Task Read_FromAStoredState_TheTapGetsItAsStateAndResumesAfterIt()
    {
        using var tap = ReplayTap.Counting(7);
        var first = await ReplayTap.ReadAllAsync(tap.Source(stateEvery: 3));

        var resumed = await ReplayTap.ReadAllAsync(tap.Source(stateEvery: 3), first[0].CheckpointAfter);

        Assert.Equal([4, 5, 6, 7], ReplayTap.Ids(resumed));
        Assert.Empty(ReplayTap.Ids(await ReplayTap.ReadAllAsync(tap.Source(stateEvery: 3), first[^1].CheckpointAfter)));
    }

    [Fact]
    public async Task Read_TapExitsNonZero_FailsWithTheTailOfItsStandardError_AndHidesSecrets()
    {
        using var tap = ReplayTap.Counting(10);
        var source = tap.Source(stateEvery: 2, environment: new JsonObject { ["TAP_FAIL_AT_LINE"] = "5" });
        source["secretConfig"] = new JsonObject { ["password"] = "reset" };
        var pages = new List<SourcePage>();

        var error = await Assert.ThrowsAsync<SourceAccessException>(async () =>
        {
            await foreach (var page in new ProcessSourceConnector().ReadAsync(ReplayTap.Connector(source), null, ReplayTap.Context, CancellationToken.None))
                pages.Add(page);
        });

        Assert.Equal("read", error.Stage);
        Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("department API ******** while reading line 5", error.Message, StringComparison.Ordinal);
        // What came with a STATE is delivered; the record after the last STATE is not (it is read again next run).
        Assert.Equal([1, 2, 3, 4], ReplayTap.Ids(pages));
        Assert.Equal("""{"line":4}""", pages[^1].CheckpointAfter);
    }

    [Fact]
    public async Task Read_AMalformedLine_BecomesAQuarantinedRecordAndTheRunGoesOn()
    {
        using var tap = ReplayTap.With(["""{"id":1}""", "!this is not JSON", "!{\"type\":\"RECORD\",\"stream\":\"cases\"}", """{"id":2}"""]);

        var records = (await ReplayTap.ReadAllAsync(tap.Source(stateEvery: 100))).SelectMany(p => p.Records).ToList();

        Assert.Equal(4, records.Count);
        Assert.Equal("this is not JSON", records[1].Data["line"]!.GetValue<string>());
        Assert.Contains("not a Singer message", records[1].Problem, StringComparison.Ordinal);
        Assert.Contains("'RECORD'", records[2].Problem, StringComparison.Ordinal);
        Assert.Null(records[3].Problem);
    }

    [Fact]
    public async Task Read_AMalformedLineWhenSetToFail_FailsTheRead()
    {
        using var tap = ReplayTap.With(["""{"id":1}""", "!garbage"]);
        var source = tap.Source(stateEvery: 100);
        source["malformedLines"] = "fail";

        var error = await Assert.ThrowsAsync<SourceAccessException>(() => ReplayTap.ReadAllAsync(source));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_OnlyTheConfiguredStreams_BecomeRecords_AndDeletedPropertyMarksDeletions()
    {
        using var tap = ReplayTap.With(["""{"id":1}""", """{"id":2,"_sdc_deleted_at":"2024-05-01T00:00:00Z"}""",
            """!{"type":"RECORD","stream":"audit","record":{"id":99}}"""]);
        var source = tap.Source(stateEvery: 100);
        source["streams"] = new JsonArray("cases");
        source["deletedProperty"] = "_sdc_deleted_at";

        var records = (await ReplayTap.ReadAllAsync(source)).SelectMany(p => p.Records).ToList();

        Assert.Equal([1L, 2L], records.Select(r => r.Data["id"]!.GetValue<long>()));
        Assert.Equal([false, true], records.Select(r => r.Deleted));
    }

    [Fact]
    public async Task Read_TheConfigFile_IsReadableByTheOwnerOnlyAndDeletedAfterwards()
    {
        using var tap = ReplayTap.Counting(1);

        await ReplayTap.ReadAllAsync(tap.Source(stateEvery: 1));

        var report = File.ReadAllLines(tap.ReportFile);
        Assert.Contains("config-mode 600", report);
        var path = report.Single(l => l.StartsWith("config-path ", StringComparison.Ordinal))["config-path ".Length..];
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Read_Cancelled_KillsTheTapAndItsChildren()
    {
        using var tap = ReplayTap.Counting(1);
        using var cancel = new CancellationTokenSource();
        var source = tap.Source(stateEvery: 1, environment: new JsonObject { ["TAP_REPORT"] = tap.ReportFile, ["TAP_SLEEP"] = "60" });

        var reading = ReplayTap.ReadAllAsync(source, ct: cancel.Token);
        var pids = await WaitForPidsAsync(tap.ReportFile);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.All(pids, pid => Assert.False(IsAlive(pid), $"process {pid} still runs"));
    }

    [Fact]
    public async Task Read_ATapThatRunsTooLong_IsStoppedAndTheReadFails()
    {
        using var tap = ReplayTap.Counting(1);
        var source = tap.Source(stateEvery: 1, environment: new JsonObject { ["TAP_REPORT"] = tap.ReportFile, ["TAP_SLEEP"] = "60" });
        source["timeoutSeconds"] = 2;
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<SourceAccessException>(() => ReplayTap.ReadAllAsync(source));

        Assert.Contains("timeoutSeconds", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
        Assert.All(await WaitForPidsAsync(tap.ReportFile), pid => Assert.False(IsAlive(pid)));
    }

    [Fact]
    public async Task Check_ACommandThatDoesNotExist_FailsAtConnect()
    {
        var source = new JsonObject { ["command"] = "/nonexistent/tap-" + Guid.NewGuid().ToString("N") };

        var check = await new ProcessSourceConnector().CheckAsync(ReplayTap.Connector(source), ReplayTap.Context, CancellationToken.None);

        Assert.False(check.Succeeded);
        Assert.Equal("connect", check.Stage);
    }

    [Fact]
    public void Spec_SecretConfigAndSecretEnvironment_AreSecrets()
    {
        var spec = new ProcessSourceConnector().Spec;

        Assert.True(spec.IsSecret("secretConfig.password"));
        Assert.True(spec.IsSecret("secretEnvironment"));
        Assert.False(spec.IsSecret("config"));
        Assert.Empty(spec.Validate(new JsonObject { ["command"] = "tap-x", ["config"] = new JsonObject { ["a"] = 1 }, ["malformedLines"] = "fail" }));
        Assert.NotEmpty(spec.Validate(new JsonObject { ["command"] = "tap-x", ["malformedLines"] = "ignore" }));
    }

    private static async Task<List<int>> WaitForPidsAsync(string report)
    {
        for (var i = 0; i < 200; i++)
        {
            if (File.Exists(report))
            {
                var pids = File.ReadAllLines(report).Where(l => l.StartsWith("pid ", StringComparison.Ordinal) || l.StartsWith("child ", StringComparison.Ordinal))
                    .Select(l => int.Parse(l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
                if (pids.Count == 2)
                    return pids;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The tap did not report its process ids.");
    }

    private static bool IsAlive(int pid)
    {
        // A killed child may linger as a zombie until its parent is reaped; only a running process counts.
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
            return false;
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
