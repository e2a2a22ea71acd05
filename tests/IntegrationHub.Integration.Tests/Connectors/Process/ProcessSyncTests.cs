using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Connectors.Process;

/// <summary>A department's records from a Singer tap, synced end to end through a real hub with the bundled mapping.</summary>
public sealed class ProcessSyncTests
{
    private const int CasesPerDepartment = 300;
    private const int StateEvery = 100;
    private const int FailAtLine = 250;

    [Fact]
    public async Task Sync_ATapThatFailsOnce_FailsWithItsStderr_ThenResumesFromItsLastStateAndConservesEveryRow()
    {
        var department = SampleDepartment.MarketRegulation;
        var rows = new SampleGenerator(SampleSources.Seed).Generate(CasesPerDepartment).Where(r => r.Department == department).Select(r => r.Row).ToList();
        using var tap = ReplayTap.With(rows.Select(row => new JsonObject(row.Values.Select(v => KeyValuePair.Create(v.Key, ToJson(v.Value)))).ToJsonString()));
        var failOnce = Path.Combine(tap.Directory, "fail-once");
        await File.WriteAllTextAsync(failOnce, "");
        var connectors = Directory.CreateDirectory(Path.Combine(tap.Directory, "connectors")).FullName;
        WriteConnector(connectors, department, tap, failOnce);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, connectors);

        var failed = await hub.RunAsync(department.Id, TimeSpan.FromMinutes(2));
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Contains("exited with code 3", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"while reading line {FailAtLine}", failed["error"]!.GetValue<string>(), StringComparison.Ordinal);

        // The runner forgets a finished run a moment after the store marks it ended; a run requested in between is dropped.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var resumed = await hub.RunAsync(department.Id, TimeSpan.FromMinutes(2));
        Assert.Equal("completed", resumed["status"]!.GetValue<string>());
        // The failed run stored its pages up to the last STATE (line 200); the tap resumed after it.
        Assert.Equal(rows.Count - (FailAtLine / StateEvery * StateEvery), Count(resumed, "pulled"));
        var cases = rows.Where(r => r.Truth.Defect is null).Select(r => r.Truth.CaseIdentity).Distinct(StringComparer.Ordinal).Count();
        Assert.Equal(cases, await hub.Store.CountRecordsAsync(CancellationToken.None));

        // The runner forgets a finished run a moment after the store marks it ended; a run requested in between is dropped.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var again = await hub.RunAsync(department.Id, TimeSpan.FromMinutes(2));
        Assert.Equal("completed", again["status"]!.GetValue<string>());
        Assert.Equal(0, Count(again, "pulled"));
    }

    private static void WriteConnector(string directory, SampleDepartment department, ReplayTap tap, string failOnce)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Connectors, $"{department.Id}.connector.json")))!.AsObject();
        definition.Remove("schedule");
        definition["kind"] = "process";
        var source = tap.Source(StateEvery, pageSize: 500, new JsonObject
        {
            ["TAP_FAIL_AT_LINE"] = FailAtLine.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TAP_FAIL_ONCE_FILE"] = failOnce,
            // The runner marks a run failed at once; a batch committed after that does not move the checkpoint. The
            // pause lets the pages read before the failure be stored while the run still runs.
            ["TAP_FAIL_DELAY"] = "4",
        });
        source["streams"] = new JsonArray("cases");
        definition["source"] = source;
        var mapping = definition["mapping"]!.GetValue<string>();
        File.Copy(Path.Combine(RepositoryPaths.Connectors, mapping), Path.Combine(directory, mapping));
        File.WriteAllText(Path.Combine(directory, $"{department.Id}.connector.json"), definition.ToJsonString());
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        long l => JsonValue.Create(l),
        decimal d => JsonValue.Create(d),
        _ => JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static long Count(JsonObject run, string name) => run[name]!.GetValue<long>();
}
