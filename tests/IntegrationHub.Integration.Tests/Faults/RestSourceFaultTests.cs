using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// A departmental HTTP API that misbehaves throughout a sync (<see cref="FaultyDepartmentApi"/>): storms of 500 and 429,
/// slow answers, bodies cut mid-way, connections reset, truncated JSON. The rest connector retries what a retry can mend;
/// what it cannot fails the run with the reason, and the next run resumes from the stored page. The store ends equal to
/// the source.
/// </summary>
[Trait("Category", FaultCampaign.Category)]
public sealed class RestSourceFaultTests
{
    private const string ConnectorId = "ecology-rest";

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task FaultyRestSource_ThroughoutASync_EndsWithTheStoreMatchingTheSource(HubStack stack)
    {
        var records = FaultCampaign.Scale(3_000, 100_000);
        var pageSize = FaultCampaign.Scale(100, 500);
        var rows = SampleJsonRows.Of(SampleDepartment.EcologyEnvironment, records).ToList();
        var truth = new SourceTruth();
        foreach (var row in rows)
            truth.Add(ConnectorId, row);
        await using var api = await FaultyDepartmentApi.StartAsync(rows, FaultCampaign.Seed, faultShare: 0.06);
        var connectors = RestConnectors.Write(ConnectorId, api.Source(pageSize), "生态环境局 执法系统 (REST, faulty)");
        await using var settings = await HubSettings.CreateAsync(stack, connectors);
        var sync = new FaultedSync(settings, truth);

        await using var hub = await HubProcess.StartAsync(settings, FaultCampaign.HubLog("rest-source-" + stack));
        await sync.StartRunsAsync(hub.Client);
        await sync.WaitUntilStoredAsync(truth.Records, () => sync.KeepRunningAsync(hub.Client));
        await sync.CompleteAsync(hub.Client);
        var report = await SyncAudit.AuditAsync(settings, hub.Client, truth);
        var injected = api.Injected;
        FaultLedger.Record("REST source faults", stack.ToString(),
            "loopback API: 500 and 429 storms (1–6 in a row), slow answers (0.3–3 s, attempt timeout 2 s), bodies cut mid-way, resets, truncated JSON",
            api.Injections, report, truth.Records, sync.Elapsed,
            string.Join(", ", injected.Where(i => i.Key != SourceFault.None).Select(i => $"{i.Key} {i.Value}")));
        report.AssertClean();
        Assert.All(Enum.GetValues<SourceFault>(), fault => Assert.True(injected.GetValueOrDefault(fault) > 0, $"{fault} was never injected"));
        Directory.Delete(connectors, recursive: true);
    }
}
