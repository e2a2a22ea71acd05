using System.IO.Compression;
using Dapper;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;
using Npgsql;

namespace IntegrationHub.Integration.Tests.Pipeline;

/// <summary>
/// Issue 11, item 7: content hashes stay stable across the rewrite of the store writer and normalizer. A store written
/// by the version before it (Fixtures/README.md), synced again from the very same sources from scratch, gets no new
/// version, no feed event and no second quarantine entry.
/// </summary>
public sealed class UpgradeStabilityTests
{
    private const int CasesPerDepartment = 150;

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task StoreWrittenByThePreviousVersion_SyncedAgainFromScratch_GetsNoNewVersionNoEventAndNoSecondQuarantineEntry(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, CasesPerDepartment);
        // The change the fixture's store saw last, at the same instant (the changed rows carry it in their text).
        await using (var connection = sources.Open(SampleDepartment.MarketRegulation))
        {
            await connection.OpenAsync();
            await SampleSourceWriter.ChangeAsync(connection, SampleDepartment.MarketRegulation, 10, 7, new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), CancellationToken.None);
        }

        await using var settings = await HubSettings.CreateAsync(stack, sources.ConnectorsDirectory);
        await RestoreFixtureAsync(settings);

        var dialect = settings.OpenStoreDialect();
        long versions, changes, openQuarantine, golden;
        await using (var store = await dialect.OpenAsync(CancellationToken.None))
        {
            // Read everything again, as after a lost checkpoint: every record comes through the new path once more.
            await store.ExecuteAsync("UPDATE connector_state SET checkpoint = NULL");
            // The fixture's administrator key is not on this machine: the hub makes a new one for the test to use.
            await store.ExecuteAsync("DELETE FROM api_keys");
            (versions, changes, openQuarantine, golden) = await CountsAsync(store);
        }

        Assert.True(golden > 250, $"The fixture holds {golden} golden records.");
        await using (var hub = await TestHub.StartAsync(settings))
        {
            foreach (var department in SampleDepartment.All)
            {
                var run = await hub.RunAsync(department.Id);
                Assert.Equal("completed", run["status"]!.GetValue<string>());
                Assert.Equal(await sources.CountAsync(department), run["pulled"]!.GetValue<long>());
                Assert.Equal(0, run["inserted"]!.GetValue<long>() + run["updated"]!.GetValue<long>());
                Assert.Equal(sources.DefectiveRowsOf(department), run["quarantined"]!.GetValue<long>());
            }
        }

        await using (var store = await dialect.OpenAsync(CancellationToken.None))
            Assert.Equal((versions, changes, openQuarantine, golden), await CountsAsync(store));
        if (stack == HubStack.Production)
            NpgsqlConnection.ClearAllPools();
    }

    private static async Task<(long, long, long, long)> CountsAsync(System.Data.Common.DbConnection store) => (
        await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM record_versions"),
        await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM change_log"),
        await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM quarantine WHERE status = 'open'"),
        await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM golden_records"));

    private static async Task RestoreFixtureAsync(HubSettings settings)
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        if (settings.Stack == HubStack.Embedded)
        {
            await using var input = new GZipStream(File.OpenRead(Path.Combine(fixtures, "store-fc3f8e1.sqlite.gz")), CompressionMode.Decompress);
            await using var output = File.Create(Path.Combine(settings.DataDirectory, "hub.db"));
            await input.CopyToAsync(output);
            return;
        }

        string script;
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(fixtures, "store-fc3f8e1.postgres.sql.gz")), CompressionMode.Decompress)))
            script = await reader.ReadToEndAsync();
        await using var connection = new NpgsqlConnection(settings.Values["Hub:Store:ConnectionString"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(script, connection);
        await command.ExecuteNonQueryAsync();
    }
}
