using Dapper;
using IntegrationHub.Integration.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>
/// The embedded store's connections wait for another connection's write lock inside SQLite (its busy handler retries
/// within milliseconds of the release), not by Microsoft.Data.Sqlite's own retry, which sleeps 150 ms at a time and left
/// small writes (delivery cursors, the run ledger, leases) waiting behind the batch writer for a second and more.
/// </summary>
public sealed class SqliteLockWaitTests
{
    [Fact]
    public async Task AStoreConnection_WaitsForABusyWriteLockInsideSqlite_AndWritesOnceItIsReleased()
    {
        await using var opened = await MigratedStore.OpenAsync(HubStack.Embedded);
        await using var connection = await opened.Dialect.OpenAsync(CancellationToken.None);
        Assert.Equal(60_000L, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        await connection.ExecuteAsync("CREATE TABLE lock_probe (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)");

        // Another writer holds the lock; the store connection's write waits for it and lands after the other's commit.
        var other = new SqliteConnection(new SqliteConnectionStringBuilder(((SqliteConnection)connection).ConnectionString) { Pooling = false }.ToString());
        await other.OpenAsync();
        var holding = (SqliteTransaction)await other.BeginTransactionAsync();
        await other.ExecuteAsync("INSERT INTO lock_probe (id, value) VALUES (1, 1)", transaction: holding);
        var write = Task.Run(() => connection.ExecuteAsync("UPDATE lock_probe SET value = value + 10 WHERE id = 1"));
        await Task.Delay(200);
        Assert.False(write.IsCompleted, "the write did not wait for the other connection's lock");
        await holding.CommitAsync();
        await holding.DisposeAsync();
        await other.DisposeAsync();

        Assert.Equal(1, await write);
        Assert.Equal(11L, await connection.ExecuteScalarAsync<long>("SELECT value FROM lock_probe WHERE id = 1"));
    }
}
