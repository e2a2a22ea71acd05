using System.Diagnostics;
using System.Security.Claims;
using IntegrationHub.Host.Apis;
using IntegrationHub.Host.Hosting;
using IntegrationHub.Host.Security;
using IntegrationHub.Indicators;
using IntegrationHub.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// Indicators over many golden records: fills the store directly, then times the handlers behind
/// <c>GET /api/v1/indicators</c> and <c>…/{code}/cases</c> (store read, engine, roll-up) for a year, a quarter, a month,
/// one region and one agency's drill-down.
/// </summary>
internal static class IndicatorBenchmark
{
    private const string AsOf = "2025-06-30";

    public static async Task<int> RunAsync(BenchmarkOptions options, string work, Dictionary<string, string?> settings)
    {
        if (options.Stack == "production")
        {
            settings["Hub:Store:Provider"] = "postgres";
            settings["Hub:Store:ConnectionString"] = await BenchmarkDatabases.CreateAsync(options.Postgres!, "bench_indicators");
        }

        await using var app = HubApplication.Create(settings, LogLevel.Warning);
        await app.StartAsync();
        var store = app.Services.GetRequiredService<ISupervisionStore>();
        var fill = Stopwatch.StartNew();
        if (options.Stack == "production")
            await GoldenRecordFiller.PostgresAsync(settings["Hub:Store:ConnectionString"]!, options.Records);
        else
            await GoldenRecordFiller.SqliteAsync($"Data Source={Path.Combine(work, "data", "hub.db")}", options.Records);
        var records = await store.CountRecordsAsync(CancellationToken.None);
        Console.WriteLine($"filled {records:N0} golden records ({GoldenRecordFiller.Agencies} agencies, 2024) in {fill.Elapsed.TotalSeconds:F1} s");

        var golden = app.Services.GetRequiredService<GoldenCaseSnapshot>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var indicatorOptions = app.Services.GetRequiredService<IOptions<IndicatorOptions>>();
        var agency = GoldenRecordFiller.AgencyUscc(7);
        // The handlers run as an administrator would call them: everything in scope.
        using var requestScope = app.Services.CreateScope();
        var callers = requestScope.ServiceProvider.GetRequiredService<CallerAccess>();
        var administrator = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, HubRoles.Administrator)], "benchmark"));
        var queries = new (string Name, string? Region, string? Agency, string Period)[]
        {
            ("year, all agencies", null, null, "2024"),
            ("year, all agencies again", null, null, "2024"),
            ("quarter, all agencies", null, null, "2024-Q2"),
            ("month, all agencies", null, null, "2024-05"),
            ("year, prefecture 4403", "4403", null, "2024"),
            ("year, one agency", null, agency, "2024"),
        };
        var worst = 0.0;
        var expectedFailures = 0;
        foreach (var (name, region, unit, period) in queries)
        {
            using var memory = new PeakMemorySampler();
            var watch = Stopwatch.StartNew();
            var result = await IndicatorsApi.GetReport(region, unit, period, AsOf, null, null, golden, administrator, callers, clock, indicatorOptions, CancellationToken.None);
            watch.Stop();
            var report = result.Result is Ok<IndicatorReport> ok ? ok.Value! : throw new InvalidOperationException($"{name}: {result.Result}");
            var rows = report.Rows.Count;
            if (unit is not null)
                expectedFailures = report.Rows.Where(r => r.Indicator == IndicatorCodes.PublicationTimelinessPermitPenalty).Sum(r => r.Counted - r.Met);
            worst = Math.Max(worst, watch.Elapsed.TotalSeconds);
            Console.WriteLine($"report  {name,-24} {watch.Elapsed.TotalSeconds,7:F2} s  {records / watch.Elapsed.TotalSeconds,11:N0} records/s  {rows,5} rows  peak working set {memory.PeakWorkingSetMb:N0} MiB");
        }

        using (var memory = new PeakMemorySampler())
        {
            var watch = Stopwatch.StartNew();
            var cases = await IndicatorsApi.GetFailingCases(IndicatorCodes.PublicationTimelinessPermitPenalty, null, agency, "2024", AsOf, null, null,
                golden, administrator, callers, clock, indicatorOptions, CancellationToken.None);
            watch.Stop();
            var count = cases.Result is Ok<Host.Apis.Responses.IndicatorCases> ok ? ok.Value!.Count : throw new InvalidOperationException(cases.Result.ToString());
            Console.WriteLine($"cases   one agency drill-down    {watch.Elapsed.TotalSeconds,7:F2} s  {count,5} failing cases (report: {expectedFailures})  peak working set {memory.PeakWorkingSetMb:N0} MiB");
        }

        // A small sync: the snapshot applies only these changes and assesses only these records again.
        const int Updated = 100, Deleted = 10;
        await using (var connection = options.Stack == "production"
            ? (System.Data.Common.DbConnection)new Npgsql.NpgsqlConnection(settings["Hub:Store:ConnectionString"])
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(work, "data", "hub.db")}"))
            await GoldenRecordChanger.ChangeAsync(connection, (int)records, Updated, Deleted);
        foreach (var name in new[] { $"year after sync ({Updated} upd, {Deleted} del)", "year after sync, again" })
        {
            using var memory = new PeakMemorySampler();
            var watch = Stopwatch.StartNew();
            var result = await IndicatorsApi.GetReport(null, null, "2024", AsOf, null, null, golden, administrator, callers, clock, indicatorOptions, CancellationToken.None);
            watch.Stop();
            var report = result.Result is Ok<IndicatorReport> ok ? ok.Value! : throw new InvalidOperationException($"{name}: {result.Result}");
            worst = Math.Max(worst, watch.Elapsed.TotalSeconds);
            Console.WriteLine($"report  {name,-24} {watch.Elapsed.TotalSeconds,7:F2} s  {records / watch.Elapsed.TotalSeconds,11:N0} records/s  {report.Rows.Count,5} rows  peak working set {memory.PeakWorkingSetMb:N0} MiB");
        }

        // Where the engine's time goes: each indicator alone over the cached cases of the year.
        var all = await golden.ReadAsync(null, null, Store.Model.FeedScope.Everything, CancellationToken.None);
        var context = new IndicatorContext(Canonical.Calendar.WorkingDayCalendar.China, DateOnly.Parse(AsOf, System.Globalization.CultureInfo.InvariantCulture));
        foreach (var indicator in IndicatorCatalog.All)
        {
            var watch = Stopwatch.StartNew();
            new IndicatorEngine(indicatorOptions.Value, [indicator]).Report(all, ReportingPeriod.Year(2024), context);
            Console.WriteLine($"engine  {indicator.Definition.Code,-38} {watch.Elapsed.TotalSeconds,7:F2} s");
        }

        await app.StopAsync();
        Console.WriteLine(worst > 5 ? $"slowest report {worst:F1} s: too slow for an interactive dashboard (> 5 s)" : $"slowest report {worst:F1} s");
        return 0;
    }
}
