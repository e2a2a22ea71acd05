using System.Diagnostics;
using System.Globalization;
using IntegrationHub.Indicators;
using IntegrationHub.Reporting;
using IntegrationHub.Samples;
using IntegrationHub.Store.Model;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// Indicators over many golden records, with the store and the reporting library only (no hub host): fills the store
/// directly with the generated province, builds the persisted assessment, then — in a fresh process, as after a hub
/// restart — times reports (year, quarter, month, region, agency, drill-down, another as-of day, a trend, a ranking),
/// then a sync of 1,000 changed records and the first report after it, and prints the peak working set of that process.
/// </summary>
internal static class IndicatorBenchmark
{
    private const string PhaseVariable = "HUB_BENCH_INDICATORS_STORE";
    private static readonly DateOnly AsOf = new(2025, 6, 30);
    private static readonly DateOnly EarlierAsOf = new(2024, 7, 1);

    public static async Task<int> RunAsync(BenchmarkOptions options, string work)
    {
        if (Environment.GetEnvironmentVariable(PhaseVariable) is { Length: > 0 } store)
            return await ReportAsync(options, store);

        var connectionString = options.Stack == "production"
            ? await BenchmarkDatabases.CreateAsync(options.Postgres!, "bench_indicators")
            : $"Data Source={Path.Combine(work, "hub.db")}";
        try
        {
            await FillAndBuildAsync(options, connectionString);

            // The reports run in a new process: nothing cached, and its peak working set is that of reports only.
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
                start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
            foreach (var arg in Environment.GetCommandLineArgs().Skip(1))
                start.ArgumentList.Add(arg);
            start.Environment[PhaseVariable] = connectionString;
            using var child = Process.Start(start)!;
            await child.WaitForExitAsync();
            return child.ExitCode;
        }
        finally
        {
            // Removed like every benchmark database (a store of ten million records is 14 GB), also when the run failed.
            if (options.Stack == "production")
                await BenchmarkDatabases.DropAsync(options.Postgres!, connectionString);
        }
    }

    private static async Task FillAndBuildAsync(BenchmarkOptions options, string connectionString)
    {
        await using var services = BenchmarkStore.Open(options.Stack, connectionString);
        await services.Supervision.MigrateAsync(CancellationToken.None);
        var fill = Stopwatch.StartNew();
        if (options.Stack == "production")
            await GoldenRecordFiller.PostgresAsync(connectionString, options.Records);
        else
            await GoldenRecordFiller.SqliteAsync(connectionString, options.Records);
        var records = await services.Supervision.CountRecordsAsync(CancellationToken.None);
        Console.WriteLine($"filled  {records:N0} golden records ({GeneratedProvince.Agencies} agencies, 2024) in {fill.Elapsed.TotalSeconds:F1} s");

        var build = Stopwatch.StartNew();
        using var memory = new PeakMemorySampler();
        var steps = 0;
        while (await services.Projector.ProjectPendingAsync(CancellationToken.None))
            steps++;
        Console.WriteLine($"built   persisted assessment in {build.Elapsed.TotalSeconds:F1} s ({steps} steps, {records / build.Elapsed.TotalSeconds:N0} records/s, " +
                          $"peak working set of the build {memory.PeakWorkingSetMb:N0} MiB)");
    }

    private static async Task<int> ReportAsync(BenchmarkOptions options, string connectionString)
    {
        Console.WriteLine("restart: a new process with the same store");
        await using var services = BenchmarkStore.Open(options.Stack, connectionString);
        var records = await services.Supervision.CountRecordsAsync(CancellationToken.None);
        var agency = GeneratedProvince.AgencyUscc(7);
        var worst = 0.0;

        async Task<T> TimeAsync<T>(string name, Func<Task<T>> run, Func<T, string> describe)
        {
            var watch = Stopwatch.StartNew();
            var result = await run();
            watch.Stop();
            worst = Math.Max(worst, watch.Elapsed.TotalSeconds);
            Console.WriteLine($"{name,-44} {watch.Elapsed.TotalSeconds,7:F3} s  {describe(result)}");
            return result;
        }

        Task<IndicatorReport> Report(string? region, string? unit, ReportingPeriod period, DateOnly asOf) =>
            services.Reports.ReportAsync(new IndicatorQuery(region, unit, period, asOf), FeedScope.Everything, CancellationToken.None);

        static string Rows(IndicatorReport report) =>
            $"{report.Rows.Count,5} rows, province counted {report.Rows.Where(r => r.UnitKind == UnitKind.Province).Sum(r => r.Counted):N0}";

        using var memory = new PeakMemorySampler();
        var year = ReportingPeriod.Year(2024);
        await TimeAsync("report year, all agencies (first after restart)", () => Report(null, null, year, AsOf), Rows);
        await TimeAsync("report year, all agencies (again)", () => Report(null, null, year, AsOf), Rows);
        await TimeAsync("report quarter 2024-Q2", () => Report(null, null, ReportingPeriod.Quarter(2024, 2), AsOf), Rows);
        await TimeAsync("report month 2024-05", () => Report(null, null, ReportingPeriod.Month(2024, 5), AsOf), Rows);
        await TimeAsync("report year, prefecture 4403", () => Report("4403", null, year, AsOf), Rows);
        var one = await TimeAsync("report year, one agency", () => Report(null, agency, year, AsOf), Rows);
        var expected = one.Rows.Where(r => r.Indicator == IndicatorCodes.CaseClosure && r.UnitKind == UnitKind.Agency).Sum(r => r.Counted - r.Met);
        await TimeAsync("drill-down one agency (case closure)", () => services.Reports.FailuresAsync(IndicatorCodes.CaseClosure,
            new IndicatorQuery(null, agency, year, AsOf), FeedScope.Everything, CancellationToken.None), f => $"{f.Count,5} failing cases (report: {expected})");
        await TimeAsync($"report year as of {EarlierAsOf:yyyy-MM-dd} (another day)", () => Report(null, null, year, EarlierAsOf), Rows);
        await TimeAsync($"report quarter 2024-Q2 as of {EarlierAsOf:yyyy-MM-dd}", () => Report(null, null, ReportingPeriod.Quarter(2024, 2), EarlierAsOf), Rows);
        await TimeAsync("trend 4403 by month 2022-01 … 2024-12", () => services.Reports.TrendAsync(new IndicatorQuery("4403", null, year, AsOf), FeedScope.Everything,
            IndicatorReport.OverallCode, new DateOnly(2022, 1, 1), new DateOnly(2024, 12, 1), CancellationToken.None), t => $"{t.Months.Count,5} months");
        await TimeAsync("ranking below target, overall", () => services.Reports.RankingAsync(new IndicatorQuery(null, null, year, AsOf), FeedScope.Everything,
            IndicatorReport.OverallCode, CancellationToken.None), r => $"{r.Agencies.Count(a => !a.MeetsTarget),5} agencies below target");

        const int Updated = 900, Deleted = 100;
        await using (var connection = options.Stack == "production"
            ? (System.Data.Common.DbConnection)new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString))
            await GoldenRecordChanger.ChangeAsync(connection, (int)records, Updated, Deleted);
        await TimeAsync($"report year after a sync ({Updated} upd, {Deleted} del)", () => Report(null, null, year, AsOf), Rows);
        await TimeAsync("report year after the sync (again)", () => Report(null, null, year, AsOf), Rows);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set of the reporting process {memory.PeakWorkingSetMb:N0} MiB, peak managed heap {memory.PeakManagedMb:N0} MiB; slowest answer {worst:F2} s"));
        return 0;
    }
}
