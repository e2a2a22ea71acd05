using System.Diagnostics;
using Dapper;
using IntegrationHub.Integration.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// The embedded stack's data folder (SQLite store, its WAL, the key ring) fills up mid-sync (<see cref="SizeLimitedDirectory"/>):
/// the hub reports it (the run fails naming the full disk), corrupts nothing (SQLite's integrity check passes), and once
/// space returns the next run resumes from the stored checkpoint and the store ends equal to the source.
/// </summary>
[Trait("Category", FaultCampaign.Category)]
public sealed class DiskFullFaultTests
{
    [Fact]
    public async Task DataFolderFullMidSync_TheHubReportsIt_AndResumesWhenSpaceReturns()
    {
        var casesPerDepartment = FaultCampaign.Scale(1_500, 50_000);
        var fills = FaultCampaign.Scale(1, 4);
        using var disk = SizeLimitedDirectory.Mount(FaultCampaign.Scale(256, 3_072));
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, casesPerDepartment);
        var truth = SourceTruth.Of(sources);
        await using var settings = await HubSettings.CreateAsync(HubStack.Embedded, sources.ConnectorsDirectory, dataDirectory: disk.Path);
        var sync = new FaultedSync(settings, truth);
        var reported = new List<TimeSpan>();

        await using var hub = await HubProcess.StartAsync(settings, FaultCampaign.HubLog("disk-full"));
        await sync.StartRunsAsync(hub.Client);
        foreach (var point in sync.RandomPoints(fills))
        {
            await sync.WaitUntilStoredAsync(point, () => sync.KeepRunningAsync(hub.Client));
            if (await sync.AnyRunningAsync())
                sync.MidRun++;
            disk.Fill();
            sync.Injections++;
            var watch = Stopwatch.StartNew();
            reported.Add(await WaitForFullDiskReportAsync(settings, watch));
            disk.Free();
        }

        await sync.CompleteAsync(hub.Client);
        var report = await SyncAudit.AuditAsync(settings, hub.Client, truth);
        await using (var store = new SqliteConnection($"Data Source={Path.Combine(disk.Path, "hub.db")};Mode=ReadOnly;Pooling=False"))
            report.Check(await store.ExecuteScalarAsync<string>("PRAGMA integrity_check") == "ok", "SQLite's integrity check failed");
        FaultLedger.Record("data folder full", "Embedded", $"{disk.Kind} of {FaultCampaign.Scale(256, 3_072)} MiB as the data folder, filled with a ballast file mid-sync, freed after the hub reported it",
            sync.Injections, report, truth.Records, sync.Elapsed,
            $"{sync.MidRun} fills hit a running run; reported after {string.Join(", ", reported.Select(r => $"{r.TotalSeconds:0} s"))}");
        report.AssertClean();
    }

    /// <summary>Waits until a run failed naming the full disk; returns how long that took.</summary>
    private static async Task<TimeSpan> WaitForFullDiskReportAsync(HubSettings settings, Stopwatch watch)
    {
        while (watch.Elapsed < TimeSpan.FromMinutes(15))
        {
            await using var store = new SqliteConnection($"Data Source={Path.Combine(settings.DataDirectory, "hub.db")};Mode=ReadOnly;Pooling=False");
            var errors = await store.QueryAsync<string>("SELECT error FROM sync_runs WHERE status <> 'running' AND error IS NOT NULL");
            if (errors.Any(e => e.Contains("full", StringComparison.OrdinalIgnoreCase)))
                return watch.Elapsed;
            await Task.Delay(500);
        }

        throw new TimeoutException("No run reported the full disk within 15 minutes.");
    }
}
