using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Integration.Tests.Connectors.Rest;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;
using Microsoft.AspNetCore.Builder;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// Bugs the PostgreSQL restarts of the fault campaign found, each pinned by the test named after it: a run under way
/// must ride out a store outage shorter than the store writer's retries instead of failing or going silent.
/// </summary>
[Trait("Category", FaultCampaign.Category)]
public sealed class StoreOutageRegressionTests(PrivatePostgres store) : IClassFixture<PrivatePostgres>
{
    /// <summary>
    /// Leases far longer than the outages: a process that cannot renew its connector's lease for two thirds of it gives
    /// the run up (the fence), which is right but not what these tests pin.
    /// </summary>
    private static readonly Dictionary<string, string?> LongLease = new() { ["Hub:Leases:Duration"] = "00:01:00" };

    /// <summary>
    /// Bug: the runner's 5-second backstop read of the run (which a store outage makes the only news) threw, the run
    /// failed, its failure could not be written either, and it hung as "running" until it was marked interrupted — though
    /// the store writer's retries stored every batch once PostgreSQL was back.
    /// </summary>
    [Fact]
    public async Task Bug_BackstopReadDuringAStoreOutage_FailedARunThatItsBatchesWouldHaveCompleted()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 2_500, keepRows: false);
        await using var settings = await HubSettings.CreateAsync(HubStack.Production, sources.ConnectorsDirectory, LongLease, store.Endpoints);
        var connector = SampleDepartment.MarketRegulation.Id;
        await using var hub = await HubProcess.StartAsync(settings, FaultCampaign.HubLog("bug-backstop"));

        Assert.Equal(HttpStatusCode.Accepted, (await hub.Client.PostAsync($"/api/v1/connectors/{connector}/runs", null)).StatusCode);
        await WaitAsync(settings, "SELECT COUNT(*) FROM source_records", stored => stored >= 500);
        // Longer than the backstop (5 s), shorter than the store writer's retries (200 ms, 1, 5, 15 s …).
        await store.Services.DownAsync("postgres", "fast");
        await Task.Delay(TimeSpan.FromSeconds(12));
        await store.Services.UpAsync("postgres");
        await WaitAsync(settings, "SELECT COUNT(*) FROM sync_runs WHERE status <> 'running'", ended => ended == 1);

        await using var connection = await settings.OpenStoreDialect().OpenAsync(CancellationToken.None);
        var run = await connection.QuerySingleAsync<(string Status, long Pulled, string? Error)>("SELECT status, pulled, error FROM sync_runs");
        Assert.True(run.Status == "completed", $"The run ended {run.Status}: {run.Error}");
        Assert.Equal(await sources.CountAsync(SampleDepartment.MarketRegulation), run.Pulled);
    }

    /// <summary>
    /// Bug: the run's heartbeat loop ended at its first failed write, so after a store outage a live run that waits on a
    /// slow source stopped beating, and another worker would mark it interrupted under its feet.
    /// </summary>
    [Fact]
    public async Task Bug_HeartbeatStoppedForGoodAfterOneFailedBeat()
    {
        var rows = SampleJsonRows.Of(SampleDepartment.EcologyEnvironment, 20).Where(r => r.Truth.Defect is null).Take(10).Select(SampleJsonRows.ToJson).ToList();
        var releasePage2 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", async (int page) =>
        {
            if (page == 1)
                return Respond.Json(Cases.Array(rows));
            // The second page takes its time: the run waits on its source, nothing is committed meanwhile.
            await releasePage2.Task.WaitAsync(TimeSpan.FromMinutes(2));
            return Respond.Json(new JsonArray());
        }));
        var connectors = RestConnectors.Write("slow-rest", new JsonObject
        {
            ["url"] = api.Url("/cases").AbsoluteUri,
            ["pageSize"] = rows.Count,
            ["pagination"] = new JsonObject { ["type"] = "page" },
            ["resilience"] = new JsonObject { ["maxRetries"] = 0, ["attemptTimeout"] = "00:01:30", ["totalTimeout"] = "00:02:00" },
        });
        await using var settings = await HubSettings.CreateAsync(HubStack.Production, connectors, LongLease, store.Endpoints);
        await using var hub = await HubProcess.StartAsync(settings, FaultCampaign.HubLog("bug-heartbeat"));

        Assert.Equal(HttpStatusCode.Accepted, (await hub.Client.PostAsync("/api/v1/connectors/slow-rest/runs", null)).StatusCode);
        await WaitAsync(settings, "SELECT COUNT(*) FROM source_records", stored => stored == rows.Count);
        await store.Services.DownAsync("postgres", "fast");
        await Task.Delay(TimeSpan.FromSeconds(5)); // the heartbeat (every 2 s) fails at least once
        await store.Services.UpAsync("postgres");
        var before = await ReadAsync(settings, "SELECT heartbeat_at FROM sync_runs");
        await Task.Delay(TimeSpan.FromSeconds(6));
        var after = await ReadAsync(settings, "SELECT heartbeat_at FROM sync_runs");
        releasePage2.SetResult();
        await WaitAsync(settings, "SELECT COUNT(*) FROM sync_runs WHERE status = 'completed'", completed => completed == 1);

        Assert.True(after > before, $"The heartbeat stayed at {before} for 6 seconds after the store came back.");
        Directory.Delete(connectors, recursive: true);
    }

    private static async Task WaitAsync(HubSettings settings, string sql, Func<long, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!done(await ReadAsync(settings, sql)))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{sql} did not reach the expected value within 3 minutes.");
            await Task.Delay(100);
        }
    }

    /// <summary>One number from the store, asked again while the store is coming back.</summary>
    private static async Task<long> ReadAsync(HubSettings settings, string sql)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = await settings.OpenStoreDialect().OpenAsync(CancellationToken.None);
                return await connection.ExecuteScalarAsync<long>(sql);
            }
            catch (DbException) when (attempt < 100)
            {
                await Task.Delay(200);
            }
        }
    }
}
