using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// RabbitMQ stopped and started again at random points of a sync, now cleanly (rabbitmqctl stop), now killed (SIGKILL of
/// the node), down for a few seconds each time. The hub is not restarted: MassTransit reconnects, the batches waiting in
/// the durable partition queues survive, a run either resumes or fails with the reason, the next run resumes from the
/// stored checkpoint, and the store ends equal to the source. The broker is the test's own (<see cref="PrivateServices"/>).
/// </summary>
[Trait("Category", FaultCampaign.Category)]
public sealed class BrokerOutageFaultTests
{
    [Fact]
    public async Task RabbitMqStoppedAndStartedAtRandomPoints_TheHubReconnectsAndEndsWithTheStoreMatchingTheSource()
    {
        var casesPerDepartment = FaultCampaign.Scale(1_500, 50_000);
        var outages = FaultCampaign.Scale(1, 6);
        await using var rabbit = await PrivateServices.StartAsync("rabbitmq");
        await using var sources = await SampleSources.CreateAsync(HubStack.Production, casesPerDepartment);
        var truth = SourceTruth.Of(sources);
        await using var settings = await HubSettings.CreateAsync(HubStack.Production, sources.ConnectorsDirectory,
            new Dictionary<string, string?> { ["Hub:Sync:RunHeartbeatTimeout"] = "00:00:03" }, rabbit.Endpoints);
        var sync = new FaultedSync(settings, truth);
        await using var hub = await HubProcess.StartAsync(settings, FaultCampaign.HubLog("rabbitmq-restart"));
        await sync.StartRunsAsync(hub.Client);
        var modes = await sync.OutagesAsync(hub.Client, rabbit, "rabbitmq", ["stop", "kill"], outages, FaultCampaign.Scale(5, 20));

        await sync.CompleteAsync(hub.Client);
        var report = await SyncAudit.AuditAsync(settings, hub.Client, truth);
        FaultLedger.Record("RabbitMQ stopped and started", "Production", "services.sh down rabbitmq (rabbitmqctl stop | SIGKILL of the node), 1–20 s down, up; hub not restarted",
            sync.Injections, report, truth.Records, sync.Elapsed,
            $"{modes.Count(m => m == "stop")} stop, {modes.Count(m => m == "kill")} kill; {sync.MidRun} hit a running run");
        report.AssertClean();
        Assert.False(hub.HasExited, "The hub process ended during the outages; it must ride them out.");
    }
}
