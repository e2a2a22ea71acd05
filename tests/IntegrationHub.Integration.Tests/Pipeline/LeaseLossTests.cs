using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Integration.Tests.Connectors.Rest;
using IntegrationHub.Integration.Tests.Harness;
using Microsoft.AspNetCore.Builder;

namespace IntegrationHub.Integration.Tests.Pipeline;

/// <summary>
/// A run whose process loses its connector's lease stops (the fence). When nobody took the lease over — it could not be
/// renewed in time, through a store outage or a stalled process — nobody else runs the connector either: the run must be
/// resumed from its checkpoint, also for a connector without a schedule.
/// </summary>
public sealed class LeaseLossTests
{
    private const string ConnectorId = "lease-rest";

    /// <summary>Bug: the run was interrupted and nothing resumed it; a connector run by hand stayed half-synced.</summary>
    [Fact]
    public async Task ARunThatLostItsLeaseWithoutATakeover_IsResumedFromItsCheckpoint()
    {
        var rows = EcologyRecords.Valid(30);
        var releasePage2 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var api = await DepartmentApi.StartAsync(app => app.MapGet("/cases", async (int page) =>
        {
            if (page == 2)
                await releasePage2.Task.WaitAsync(TimeSpan.FromMinutes(2));
            return Respond.Json(Cases.Array(Respond.Slice(rows, (page - 1) * 10, 10)));
        }));
        var connectors = RestConnectors.Write(ConnectorId, new JsonObject
        {
            ["url"] = api.Url("/cases").AbsoluteUri,
            ["pageSize"] = 10,
            ["pagination"] = new JsonObject { ["type"] = "page" },
            ["resilience"] = new JsonObject { ["maxRetries"] = 0, ["attemptTimeout"] = "00:01:30", ["totalTimeout"] = "00:02:00" },
        });
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, connectors, new Dictionary<string, string?> { ["Hub:Leases:Duration"] = "00:00:03" });

        Assert.Equal(HttpStatusCode.Accepted, (await hub.Client.PostAsync($"/api/v1/connectors/{ConnectorId}/runs", null)).StatusCode);
        await WaitAsync(hub, "SELECT COUNT(*) FROM source_records", stored => stored == 10);
        // As a lease that lapsed unrenewed and was taken and given back: this process's renewal finds it gone.
        await using (var store = await hub.OpenStoreAsync())
            await store.ExecuteAsync("UPDATE leases SET holder = 'elsewhere/1/gone', expires_at = 0 WHERE name = @name", new { name = "connector:" + ConnectorId });
        await WaitAsync(hub, "SELECT COUNT(*) FROM sync_runs WHERE status = 'interrupted'", interrupted => interrupted == 1);
        releasePage2.SetResult();
        await WaitAsync(hub, "SELECT COUNT(*) FROM sync_runs WHERE status = 'completed'", completed => completed == 1);

        await using var connection = await hub.OpenStoreAsync();
        var resumed = await connection.QuerySingleAsync<(string Trigger, long Pulled)>("SELECT trigger_kind, pulled FROM sync_runs WHERE status = 'completed'");
        Assert.Equal(("resume", 20L), resumed);
        Assert.Equal(30, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM source_records"));
        Directory.Delete(connectors, recursive: true);
    }

    private static async Task WaitAsync(TestHub hub, string sql, Func<long, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            await using (var connection = await hub.OpenStoreAsync())
            {
                if (done(await connection.ExecuteScalarAsync<long>(sql)))
                    return;
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{sql} did not reach the expected value within a minute.");
            await Task.Delay(100);
        }
    }
}
