using System.Diagnostics;
using Dapper;
using IntegrationHub.Integration.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// The embedded stack's data folder (SQLite store, its WAL, the key ring) fills up mid-sync
/// (<see cref="SizeLimitedDirectory"/>): the hub reports it (its log names the full disk at every write it cannot make;
/// the store cannot take a run's failure then), corrupts nothing (SQLite's integrity check passes), and once space
/// returns the runs resume from the stored checkpoint and the store ends equal to the source.
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
            var logged = new FileInfo(hub.LogFile) is { Exists: true } log ? log.Length : 0;
            disk.Fill();
            sync.Injections++;
            var watch = Stopwatch.StartNew();
            reported.Add(await WaitForFullDiskReportAsync(settings, hub.LogFile, logged, watch, () => sync.KeepRunningAsync(hub.Client)));
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

    /// <summary>
    /// Waits until the hub reported the full disk — in its log (every write it cannot make names it), or as the error of
    /// a run when that could still be written — and returns how long that took. Meanwhile runs go on as the scheduler
    /// would start them, so that a sync that stored its last batch just before the disk filled still has writes to make.
    /// </summary>
    private static async Task<TimeSpan> WaitForFullDiskReportAsync(HubSettings settings, string logFile, long logFrom, Stopwatch watch, Func<Task> keepRunning)
    {
        while (watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (LoggedSince(logFile, logFrom).Contains("database or disk is full", StringComparison.OrdinalIgnoreCase))
                return watch.Elapsed;
            await using var store = new SqliteConnection($"Data Source={Path.Combine(settings.DataDirectory, "hub.db")};Mode=ReadOnly;Pooling=False");
            var errors = await store.QueryAsync<string>("SELECT error FROM sync_runs WHERE status <> 'running' AND error IS NOT NULL");
            if (errors.Any(e => e.Contains("full", StringComparison.OrdinalIgnoreCase)))
                return watch.Elapsed;
            await keepRunning();
            await Task.Delay(500);
        }

        throw new TimeoutException("The hub did not report the full disk within 5 minutes.");
    }

    private static string LoggedSince(string logFile, long from)
    {
        if (!File.Exists(logFile))
            return "";
        using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
