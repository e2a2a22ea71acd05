using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// PostgreSQL under the hub's store restarted at random points of a sync, now cleanly (fast: connections terminated),
/// now as after a crash (immediate: recovery from the WAL on start), down for a few seconds each time. The hub is not
/// restarted: it reconnects by itself, a run either resumes or fails with the reason, the next run resumes from the
/// stored checkpoint, and the store ends equal to the source. The server is the test's own (<see cref="PrivateServices"/>);
/// the sources are SQLite files, so that only the store goes away.
/// </summary>
[Trait("Category", FaultCampaign.Category)]
public sealed class StoreOutageFaultTests(PrivatePostgres store) : IClassFixture<PrivatePostgres>
{
    [Fact]
    public async Task PostgresRestartedAtRandomPoints_TheHubReconnectsAndEndsWithTheStoreMatchingTheSource()
    {
        var casesPerDepartment = FaultCampaign.Scale(1_500, 50_000);
        var restarts = FaultCampaign.Scale(2, 8);
        var postgres = store.Services;
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, casesPerDepartment);
        var truth = SourceTruth.Of(sources);
        await using var settings = await HubSettings.CreateAsync(HubStack.Production, sources.ConnectorsDirectory,
            new Dictionary<string, string?> { ["Hub:Sync:RunHeartbeatTimeout"] = "00:00:03" }, postgres.Endpoints);
        var sync = new FaultedSync(settings, truth);
        await using var hub = await HubProcess.StartAsync(settings, FaultCampaign.HubLog("postgres-restart"));
        await sync.StartRunsAsync(hub.Client);
        var modes = await sync.OutagesAsync(hub.Client, postgres, "postgres", ["fast", "immediate"], restarts, FaultCampaign.Scale(5, 20));

        await sync.CompleteAsync(hub.Client);
        var report = await SyncAudit.AuditAsync(settings, hub.Client, truth);
        FaultLedger.Record("PostgreSQL restarted", "Production", "services.sh down postgres (pg_ctl stop -m fast|immediate), 1–20 s down, up; hub not restarted",
            sync.Injections, report, truth.Records, sync.Elapsed,
            $"{modes.Count(m => m == "fast")} fast, {modes.Count(m => m == "immediate")} immediate; {sync.MidRun} hit a running run");
        report.AssertClean();
        Assert.False(hub.HasExited, "The hub process ended during the outages; it must ride them out.");
    }
}
