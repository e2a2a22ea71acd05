using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;
using IntegrationHub.Store.Sql;

namespace IntegrationHub.Integration.Tests.Pipeline;

/// <summary>
/// Invariants 1 and 2: a hub killed with SIGKILL in the middle of a large sync, then restarted, ends with the store
/// matching the source exactly — no record lost, none doubled. On the in-memory bus the batches in flight die with the
/// process; only the checkpoint rule (moved in the same transaction as the records it covers) carries the recovery.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int CasesPerDepartment = 50_000; // 100,000 source rows

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task HubKilledMidSync_AfterRestart_EndsWithTheStoreMatchingTheSource(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, CasesPerDepartment, keepRows: false);
        await using var settings = await HubSettings.CreateAsync(stack, sources.ConnectorsDirectory,
            new Dictionary<string, string?> { ["Hub:Sync:RunHeartbeatTimeout"] = "00:00:03" });

        await using (var first = await HubProcess.StartAsync(settings))
        {
            foreach (var department in SampleDepartment.All)
                Assert.Equal(HttpStatusCode.Accepted, (await first.Client.PostAsync($"/api/v1/connectors/{department.Id}/runs", null)).StatusCode);
            var total = 2 * CasesPerDepartment;
            await WaitUntilAsync(async () => await StoredSourceRecordsAsync(first.Client) >= total / 5, TimeSpan.FromMinutes(5));
            first.Kill();
            var runs = await ReadRunsFromStoreAsync(settings);
            Assert.Contains(runs, r => r == "running"); // killed mid-sync, not after it
        }

        await using (var second = await HubProcess.StartAsync(settings))
        {
            foreach (var department in SampleDepartment.All)
            {
                var run = await RunToCompletionAsync(second.Client, department.Id);
                Assert.True(run["status"]!.GetValue<string>() == "completed", $"The run after the restart ended so: {run.ToJsonString()}");
            }

            // The checkpoint now covers everything: one more run reads nothing.
            foreach (var department in SampleDepartment.All)
                Assert.Equal(0, (await RunToCompletionAsync(second.Client, department.Id))["pulled"]!.GetValue<long>());
        }

        var dialect = settings.OpenStoreDialect();
        await using var store = await dialect.OpenAsync(CancellationToken.None);
        foreach (var department in SampleDepartment.All)
        {
            var links = await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM source_records WHERE connector_id = @id", new { id = department.Id });
            Assert.Equal(sources.ValidRowsOf(department), links);
        }

        Assert.Equal(sources.DefectiveRows, await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM quarantine WHERE status = 'open'"));
        Assert.Equal(sources.DistinctValidCases, await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM golden_records"));
        Assert.Equal(0, await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM source_records s LEFT JOIN golden_records g ON g.id = s.record_id WHERE g.id IS NULL"));
        // Nothing doubled: no version repeats the content of the one before it, and every version has exactly one event.
        Assert.Equal(0, await store.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM record_versions a JOIN record_versions b ON b.record_id = a.record_id AND b.version = a.version + 1 WHERE a.content_hash = b.content_hash"));
        Assert.Equal(await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM record_versions"), await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM change_log"));
        Assert.Equal(0, await store.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM golden_records g WHERE g.version <> (SELECT MAX(v.version) FROM record_versions v WHERE v.record_id = g.id)"));
        if (dialect is PostgresDialect)
            Npgsql.NpgsqlConnection.ClearAllPools();
    }

    private static async Task<List<string>> ReadRunsFromStoreAsync(HubSettings settings)
    {
        await using var connection = await settings.OpenStoreDialect().OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<string>("SELECT status FROM sync_runs")).ToList();
    }

    private static async Task<long> StoredSourceRecordsAsync(HttpClient client)
    {
        var summary = await client.GetFromJsonAsync<JsonArray>("/api/v1/sync/summary");
        return summary!.Sum(s => s!["sourceRecords"]!.GetValue<long>() + s["openQuarantine"]!.GetValue<long>());
    }

    /// <summary>Starts a run once the interrupted one is released, and waits for it to end.</summary>
    private static async Task<JsonObject> RunToCompletionAsync(HttpClient client, string connectorId)
    {
        await WaitUntilAsync(async () => !(await RunsAsync(client, connectorId)).Any(r => r["status"]!.GetValue<string>() == "running"), TimeSpan.FromMinutes(10));
        var before = (await RunsAsync(client, connectorId)).Select(r => r["id"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/v1/connectors/{connectorId}/runs", null)).StatusCode);
        JsonObject? finished = null;
        await WaitUntilAsync(async () =>
        {
            finished = (await RunsAsync(client, connectorId)).FirstOrDefault(r => !before.Contains(r["id"]!.GetValue<string>()) && r["status"]!.GetValue<string>() != "running");
            return finished is not null;
        }, TimeSpan.FromMinutes(10));
        return finished!;
    }

    private static async Task<List<JsonObject>> RunsAsync(HttpClient client, string connectorId) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/v1/connectors/{connectorId}/runs?limit=5"))!.Select(r => r!.AsObject()).ToList();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Condition not met within {timeout}.");
            await Task.Delay(250);
        }
    }
}
