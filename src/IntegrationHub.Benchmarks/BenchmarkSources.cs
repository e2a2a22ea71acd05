using System.Data.Common;
using System.Globalization;
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

        var removeStack = await UseProductionStackAsync(options, settings, storeDb);
        return new BenchmarkSources("postgres", _ => sourceDb, async () =>
        {
            await removeStack();
            await BenchmarkDatabases.DropAsync(options.Postgres!, sourceDb);
        });
    }

    /// <summary>
    /// Points the hub's settings at the PostgreSQL store database and at RabbitMQ, in a virtual host of the run's own
    /// unless one is given; returns what removes them afterwards (the virtual host it made, the store database).
    /// </summary>
    public static async Task<Func<Task>> UseProductionStackAsync(BenchmarkOptions options, Dictionary<string, string?> settings, string storeDatabase)
    {
        var virtualHost = options.RabbitVirtualHost ?? await RabbitVirtualHost.CreateAsync(options);
        settings["Hub:Store:Provider"] = "postgres";
        settings["Hub:Store:ConnectionString"] = storeDatabase;
        settings["Hub:Bus:Transport"] = "rabbitmq";
        settings["Hub:Bus:Host"] = options.RabbitHost;
        settings["Hub:Bus:Port"] = options.RabbitPort.ToString(CultureInfo.InvariantCulture);
        settings["Hub:Bus:VirtualHost"] = virtualHost;
        return async () =>
        {
            if (options.RabbitVirtualHost is null)
                await RabbitVirtualHost.DeleteAsync(options, virtualHost);
            await BenchmarkDatabases.DropAsync(options.Postgres!, storeDatabase);
        };
    }
}
