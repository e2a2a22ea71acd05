using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// Invariants 1 and 2 under SIGKILL: the hub process killed at random points of a sync (mid-commit, mid-read, while
/// starting again after the previous kill), restarted each time, ends with the store matching the source, every run
/// conserving and the feed whole. On the in-memory bus the batches in flight die with the process; only the checkpoint
/// rule (moved in the same transaction as the records it covers) carries the recovery. On RabbitMQ they wait in the
/// partition queue for the next process, whose store writer commits or refuses them by (run, sequence).
/// </summary>
[Trait("Category", FaultCampaign.Category)]
public sealed class HubKillFaultTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task HubKilledAtRandomPoints_RestartedEachTime_EndsWithTheStoreMatchingTheSource(HubStack stack)
    {
        // Enough records that the sync outlasts a kill at a random stored count: at 1,500 cases a department the faster
        // embedded pipeline sometimes finished both runs before any kill (the test then proves nothing, and says so).
        var casesPerDepartment = FaultCampaign.Scale(6_000, 50_000);
        var kills = FaultCampaign.Scale(3, 24);
        await using var sources = await SampleSources.CreateAsync(stack, casesPerDepartment);
        var truth = SourceTruth.Of(sources);
        await using var settings = await HubSettings.CreateAsync(stack, sources.ConnectorsDirectory,
            // The killed process's connector leases lapse after 3 s, and the restarted one takes them with a new token.
            new Dictionary<string, string?> { ["Hub:Sync:RunHeartbeatTimeout"] = "00:00:03", ["Hub:Leases:Duration"] = "00:00:03" });
        var sync = new FaultedSync(settings, truth);
        var log = FaultCampaign.HubLog("kill-" + stack);

        var hub = await HubProcess.StartAsync(settings, log);
        try
        {
            await sync.StartRunsAsync(hub.Client);
            foreach (var point in sync.RandomPoints(kills))
            {
                await sync.WaitUntilStoredAsync(point);
                // Somewhere after the point: mid-commit, mid-read or mid-send, whatever the pipeline is doing.
                await Task.Delay(sync.Random.Next(0, 300));
                hub.Kill();
                sync.Injections++;
                if (await sync.AnyRunningAsync())
                    sync.MidRun++;
                await hub.DisposeAsync();
                hub = await HubProcess.StartAsync(settings, log);
                await sync.StartRunsAsync(hub.Client);
            }

            await sync.CompleteAsync(hub.Client);
            var report = await SyncAudit.AuditAsync(settings, hub.Client, truth);
            FaultLedger.Record("hub killed (SIGKILL)", stack.ToString(), "Process.Kill (SIGKILL) at random stored-record counts + 0–300 ms, restart",
                sync.Injections, report, truth.Records, sync.Elapsed, $"{sync.MidRun} of {sync.Injections} kills hit a running run");
            report.AssertClean();
            Assert.True(sync.MidRun > 0, $"No kill hit a running run (seed {FaultCampaign.Seed}).");
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }
}
