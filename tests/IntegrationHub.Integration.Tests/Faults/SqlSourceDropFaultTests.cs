using Dapper;
using IntegrationHub.Integration.Tests.Harness;
using MySqlConnector;
using Npgsql;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// A SQL source that drops the hub's connection at random points of a sync: PostgreSQL's pg_terminate_backend under a
/// production hub, MariaDB's KILL under an embedded one. The read fails with the reason, the batches already sent are
/// stored, the next run resumes from the stored keyset position, and the store ends equal to the source.
/// </summary>
[Trait("Category", FaultCampaign.Category)]
public sealed class SqlSourceDropFaultTests
{
    [Fact]
    public async Task PostgresSourceTerminatingTheConnectionAtRandomPoints_EndsWithTheStoreMatchingTheSource()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Production, FaultCampaign.Scale(1_500, 50_000));
        var source = new NpgsqlConnectionStringBuilder(sources.PostgresConnectionString!);
        await DropAtRandomPointsAsync(HubStack.Production, SourceTruth.Of(sources), sources.ConnectorsDirectory, "PostgreSQL source: pg_terminate_backend",
            "pg_terminate_backend of every connection to the source database", async () =>
            {
                await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = "postgres", Pooling = false }.ToString());
                return await admin.ExecuteScalarAsync<int>(
                    "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid()) t",
                    new { database = source.Database });
            });
    }

    [Fact]
    public async Task MariaDbSourceKillingTheConnectionAtRandomPoints_EndsWithTheStoreMatchingTheSource()
    {
        await using var sources = await MariaDbSampleSources.CreateAsync(FaultCampaign.Scale(1_500, 50_000));
        var truth = new SourceTruth();
        foreach (var (department, row) in sources.Rows)
            truth.Add(department.Id, row);
        await DropAtRandomPointsAsync(HubStack.Embedded, truth, sources.ConnectorsDirectory, "MariaDB source: KILL",
            "KILL of every connection to the source database", async () =>
            {
                await using var admin = new MySqlConnection(new MySqlConnectionStringBuilder(TestServices.MySqlAdmin) { Pooling = false }.ConnectionString);
                var ids = (await admin.QueryAsync<long>("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = @database AND ID <> CONNECTION_ID()",
                    new { database = sources.Database })).ToList();
                foreach (var id in ids)
                {
                    try
                    {
                        await admin.ExecuteAsync($"KILL {id}");
                    }
                    catch (MySqlException)
                    {
                        // it ended by itself meanwhile
                    }
                }

                return ids.Count;
            });
    }

    private static async Task DropAtRandomPointsAsync(HubStack stack, SourceTruth truth, string connectors, string fault, string injection, Func<Task<int>> drop)
    {
        var drops = FaultCampaign.Scale(2, 8);
        await using var settings = await HubSettings.CreateAsync(stack, connectors);
        var sync = new FaultedSync(settings, truth);
        await using var hub = await HubProcess.StartAsync(settings, FaultCampaign.HubLog("sql-source-drop-" + stack));
        await sync.StartRunsAsync(hub.Client);
        foreach (var point in sync.RandomPoints(drops))
        {
            await sync.WaitUntilStoredAsync(point, () => sync.KeepRunningAsync(hub.Client));
            await Task.Delay(sync.Random.Next(0, 300));
            sync.Injections++;
            if (await drop() > 0)
                sync.MidRun++;
        }

        await sync.CompleteAsync(hub.Client);
        var report = await SyncAudit.AuditAsync(settings, hub.Client, truth);
        FaultLedger.Record(fault, stack.ToString(), injection + " at random stored-record counts", sync.Injections, report, truth.Records, sync.Elapsed,
            $"{sync.MidRun} of {sync.Injections} drops found a connection of the hub to drop");
        report.AssertClean();
        Assert.True(sync.MidRun > 0, $"No drop found a connection of the hub (seed {FaultCampaign.Seed}).");
    }
}
