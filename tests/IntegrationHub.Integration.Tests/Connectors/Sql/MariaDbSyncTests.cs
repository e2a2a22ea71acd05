using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Connectors.Sql;

/// <summary>A department whose source is MariaDB, synced end to end through a real hub with the bundled mapping.</summary>
public sealed class MariaDbSyncTests
{
    private const int CasesPerDepartment = 300;

    [Fact]
    public async Task FullSync_FromMariaDb_ConservesEveryRowAndASecondSyncPullsNothing()
    {
        var department = SampleDepartment.MarketRegulation;
        var rows = new SampleGenerator(SampleSources.Seed).Generate(CasesPerDepartment).Where(r => r.Department == department).Select(r => r.Row).ToList();
        var connectionString = await TestServices.CreateMySqlDatabaseAsync("hubsrc");
        var directory = Directory.CreateTempSubdirectory("hub-mariadb-connectors-").FullName;
        try
        {
            await WriteSourceAsync(connectionString, department, rows);
            WriteConnector(directory, department, connectionString);
            await using var hub = await TestHub.StartAsync(HubStack.Embedded, directory);

            var run = await hub.RunAsync(department.Id, TimeSpan.FromMinutes(2));

            Assert.Equal("completed", run["status"]!.GetValue<string>());
            Assert.Equal(rows.Count, Count(run, "pulled"));
            Assert.Equal(rows.Count(r => r.Truth.Defect is not null), Count(run, "quarantined"));
            Assert.Equal(Count(run, "pulled"), Count(run, "inserted") + Count(run, "updated") + Count(run, "unchanged") + Count(run, "quarantined"));
            var cases = rows.Where(r => r.Truth.Defect is null).Select(r => r.Truth.CaseIdentity).Distinct(StringComparer.Ordinal).Count();
            Assert.Equal(cases, await hub.Store.CountRecordsAsync(CancellationToken.None));

            // The runner forgets a finished run a moment after the store marks it ended; a run requested in between is dropped.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            var again = await hub.RunAsync(department.Id, TimeSpan.FromMinutes(2));
            Assert.Equal("completed", again["status"]!.GetValue<string>());
            Assert.Equal(0, Count(again, "pulled"));
        }
        finally
        {
            await TestServices.DropMySqlDatabaseAsync(connectionString);
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The bundled definition and mapping, with the source pointed at MariaDB and no schedule.</summary>
    private static void WriteConnector(string directory, SampleDepartment department, string connectionString)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Connectors, $"{department.Id}.connector.json")))!.AsObject();
        definition.Remove("schedule");
        definition["source"]!["provider"] = "mariadb";
        definition["source"]!["connectionString"] = connectionString;
        var mapping = definition["mapping"]!.GetValue<string>();
        File.Copy(Path.Combine(RepositoryPaths.Connectors, mapping), Path.Combine(directory, mapping));
        File.WriteAllText(Path.Combine(directory, $"{department.Id}.connector.json"), definition.ToJsonString());
    }

    private static Task WriteSourceAsync(string connectionString, SampleDepartment department, List<SampleRow> rows) =>
        MariaDbSampleSources.WriteTableAsync(connectionString, department, rows);

    private static long Count(JsonObject run, string name) => run[name]!.GetValue<long>();
}
