using System.Data.Common;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using IntegrationHub.Samples;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IntegrationHub.Benchmarks;

/// <summary>The generated sample departments' source databases, and how to remove what the benchmark made.</summary>
internal sealed record BenchmarkSources(string Provider, Func<SampleDepartment, string> ConnectionString, Func<Task>? Cleanup) : IAsyncDisposable
{
    public DbConnection Open(SampleDepartment department) => Provider == "postgres"
        ? new NpgsqlConnection(ConnectionString(department))
        : new SqliteConnection(ConnectionString(department));

    public async ValueTask DisposeAsync()
    {
        if (Cleanup is not null)
            await Cleanup();
    }

    public static async Task<BenchmarkSources> CreateAsync(BenchmarkOptions options, string work, Dictionary<string, string?> settings)
    {
        if (options.Stack != "production")
        {
            await SampleDatabases.EnsureSqliteAsync(Path.Combine(work, "sources"), options.CasesPerDepartment, options.Seed, CancellationToken.None);
            return new BenchmarkSources("sqlite", department => $"Data Source={Path.Combine(work, "sources", department.Id + ".db")}", null);
        }

        var sourceDb = await BenchmarkDatabases.CreateAsync(options.Postgres!, "bench_source");
        var storeDb = await BenchmarkDatabases.CreateAsync(options.Postgres!, "bench_store");
        await using (var connection = new NpgsqlConnection(sourceDb))
        {
            await connection.OpenAsync();
            foreach (var department in SampleDepartment.All)
                await SampleSourceWriter.CreateAsync(connection, department, CancellationToken.None);
            foreach (var chunk in new SampleGenerator(options.Seed).Generate(options.CasesPerDepartment).Chunk(10_000))
            {
                foreach (var group in chunk.GroupBy(r => r.Department))
                    await SampleSourceWriter.InsertAsync(connection, group.Key, group.Select(g => g.Row), CancellationToken.None);
            }
        }

        var removeVirtualHost = await PipelineBenchmark.UseProductionStackAsync(options, settings, storeDb);
        return new BenchmarkSources("postgres", _ => sourceDb, async () =>
        {
            if (removeVirtualHost is not null)
                await removeVirtualHost();
            await BenchmarkDatabases.DropAsync(options.Postgres!, sourceDb);
            await BenchmarkDatabases.DropAsync(options.Postgres!, storeDb);
        });
    }
}
