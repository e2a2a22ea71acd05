using System.Diagnostics.Metrics;
using Dapper;
using IntegrationHub.Contracts.Telemetry;
using IntegrationHub.Host.Hosting;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>
/// The embedded store copies its write-ahead log into the database file (SQLite's checkpoint) beside its writers: no
/// commit does it, so a small write (a lease, a delivery cursor) no longer copies what the batch writer wrote while it
/// holds the process's one turn to write; the checkpoint takes the turn only to restart a long log that would not start
/// over by itself, waiting a bounded time for the readers still in it.
/// </summary>
public sealed class SqliteCheckpointTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Four MiB of pages: past SQLite's own checkpoint size of 1,000 pages.</summary>
    private const int Pages = 1_024;

    private const long PagesBytes = Pages * 4096L;

    [Fact]
    public async Task AStoreCommit_LeavesItsLogToTheCheckpoints_InsteadOfCopyingItIntoTheDatabaseFile()
    {
        await using var file = await ScratchFile.CreateAsync(finishUnderTurnAt: 16);
        await using (var connection = await new SqliteDialect(file.ConnectionString).OpenAsync(CancellationToken.None))
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint"));
        var before = file.DatabaseBytes;

        // Each of these commits finds more than 1,000 pages of log: with SQLite's default it would copy them, here it does not.
        for (var i = 0; i < 3; i++)
            await file.WritePagesAsync(Pages);

        Assert.True(file.DatabaseBytes - before < PagesBytes, $"a commit copied the log into the database file ({before:N0} → {file.DatabaseBytes:N0} bytes)");
        Assert.True(file.LogBytes >= 3 * PagesBytes, $"the log holds {file.LogBytes:N0} bytes");
    }

    [Fact]
    public async Task ACheckpointThatCopiedTheWholeLogBesideTheWriters_DoesNotWaitForTheTurn()
    {
        await using var file = await ScratchFile.CreateAsync(finishUnderTurnAt: 16);
        await file.WritePagesAsync(Pages);

        using (await file.Turns.TakeAsync(CancellationToken.None))
        {
            file.Checkpoints.AfterWrite();
            await Eventually(() => file.Checkpoints.Completed == 1, "the checkpoint waited for the turn although it had copied the whole log");
        }

        Assert.True(file.DatabaseBytes >= PagesBytes, $"the database file holds {file.DatabaseBytes:N0} bytes");
    }

    [Fact]
    public async Task ACheckpointThatCouldNotCopyTheWholeLogBesideTheWriters_FinishesInTheNextTurn()
    {
        await using var file = await ScratchFile.CreateAsync(finishUnderTurnAt: 16);
        await file.WritePagesAsync(Pages);
        var reading = await file.ReadAsync(expectedPages: Pages);
        await file.WritePagesAsync(Pages);

        using (await file.Turns.TakeAsync(CancellationToken.None))
        {
            file.Checkpoints.AfterWrite();
            await Eventually(() => file.DatabaseBytes >= PagesBytes, "the pages before the reader's snapshot were not copied beside the writers");
            await Task.Delay(200);
            Assert.Equal(0, file.Checkpoints.Completed);
            reading.Dispose();
        }

        await Eventually(() => file.Checkpoints.Completed == 1, "the checkpoint did not finish once the turn was free");
        Assert.True(file.DatabaseBytes >= 2 * PagesBytes, $"the database file holds {file.DatabaseBytes:N0} bytes");
    }

    [Fact]
    public async Task OnceACheckpointFinished_TheNextWriteStartsTheLogOver_InsteadOfGrowingIt()
    {
        await using var file = await ScratchFile.CreateAsync(finishUnderTurnAt: 16);
        file.Turns.Given = file.Checkpoints.AfterWrite;

        using (await file.Turns.TakeAsync(CancellationToken.None))
            await file.WritePagesAsync(Pages);
        var grown = file.LogBytes;
        await Eventually(() => file.Checkpoints.Completed == 1, "no checkpoint followed the write");
        using (await file.Turns.TakeAsync(CancellationToken.None))
            await file.WritePagesAsync(Pages / 2);

        Assert.True(file.LogBytes <= grown, $"the log grew from {grown:N0} to {file.LogBytes:N0} bytes instead of starting over");
        Assert.True(file.DatabaseBytes >= PagesBytes, $"the database file holds {file.DatabaseBytes:N0} bytes");
    }

    [Fact]
    public async Task ALongLogCopiedWhole_ThatAWriteGrewInsteadOfStartingOver_IsStartedOverUnderTheTurnOnceItsReaderLeaves()
    {
        await using var file = await ScratchFile.CreateAsync(finishUnderTurnAt: 16, readerWait: TimeSpan.FromSeconds(10));
        await file.WritePagesAsync(Pages);
        var first = await file.ReadAsync(expectedPages: Pages);
        file.Checkpoints.AfterWrite();
        await Eventually(() => file.Checkpoints.Completed == 1, "the log was not copied beside the writers");
        Assert.Equal(0, file.Checkpoints.Restarts);

        // The first reader is still in the log: the write grows it instead of starting it over. A second reader comes
        // (readers come and go without pause in a busy hub), the first leaves; the passes can copy the log whole again.
        await file.WritePagesAsync(Pages / 2);
        var second = await file.ReadAsync(expectedPages: Pages + Pages / 2);
        first.Dispose();
        var grown = file.LogBytes;
        file.Checkpoints.AfterWrite();
        await Eventually(() => file.Checkpoints.Restarting, "the checkpoint did not take the turn to restart a log that grew instead of starting over");

        var writing = Task.Run(async () =>
        {
            using (await file.Turns.TakeAsync(CancellationToken.None))
                await file.WritePagesAsync(Pages / 2);
        });
        await Task.Delay(200);
        Assert.False(writing.IsCompleted, "a write went ahead of the restart that waits for the reader");
        second.Dispose();
        await writing.WaitAsync(Patience);

        Assert.Equal((1L, 0L), (file.Checkpoints.Restarts, file.Checkpoints.RestartsOutstayed));
        Assert.True(file.LogBytes <= grown, $"the log grew from {grown:N0} to {file.LogBytes:N0} bytes instead of starting over");
        Assert.True(file.DatabaseBytes >= PagesBytes * 3 / 2, $"the database file holds {file.DatabaseBytes:N0} bytes");
    }

    [Fact]
    public async Task AReaderThatOutstaysARestart_IsNotWaitedForAgain_UntilTheLogHasGrownByTheStep()
    {
        await using var file = await ScratchFile.CreateAsync(finishUnderTurnAt: 256, readerWait: TimeSpan.FromMilliseconds(200));
        await file.WritePagesAsync(Pages);
        var reading = await file.ReadAsync(expectedPages: Pages);
        await file.WritePagesAsync(Pages);

        // The passes cannot copy what the reader's snapshot does not hold: the checkpoint restarts under the turn, and the
        // reader outstays it.
        file.Checkpoints.AfterWrite();
        await Eventually(() => file.Checkpoints.RestartsOutstayed == 1, "the checkpoint did not try to restart the log under the turn");
        using (await file.Turns.TakeAsync(CancellationToken.None).WaitAsync(Patience))
            await file.WritePagesAsync(8);

        // The log is still not copied whole, so checkpoints follow one another; none waits for the reader again.
        var completed = file.Checkpoints.Completed;
        file.Checkpoints.AfterWrite();
        await Eventually(() => file.Checkpoints.Completed >= completed + 3, "the checkpoints stopped while the log was not copied whole");
        Assert.Equal(1, file.Checkpoints.Restarts);

        // Grown by more than the step: one more try.
        await file.WritePagesAsync(Pages);
        file.Checkpoints.AfterWrite();
        await Eventually(() => file.Checkpoints.Restarts == 2, "the checkpoint did not try again once the log had grown by the step");
        Assert.Equal(2, file.Checkpoints.RestartsOutstayed);
        reading.Dispose();
    }

    [Fact]
    public async Task ALogAReaderKeptFromBeingCopied_IsCopiedOnceTheReaderEnds_WithoutAnotherWrite()
    {
        await using var file = await ScratchFile.CreateAsync(finishUnderTurnAt: int.MaxValue);
        var reading = await file.ReadAsync(expectedPages: 0);
        await file.WritePagesAsync(Pages);

        file.Checkpoints.AfterWrite();
        await Eventually(() => file.Checkpoints.Completed >= 2, "the checkpoint was not tried again while the log could not be copied");
        Assert.True(file.DatabaseBytes < PagesBytes, "pages after the reader's snapshot were copied");
        reading.Dispose();

        await Eventually(() => file.DatabaseBytes >= PagesBytes, "the log was not copied once the reader ended");
        await Eventually(() => !file.Checkpoints.Scheduled, "the checkpoints did not stop once the whole log was copied");
    }

    [Fact]
    public async Task ACheckpointThatFailed_LeavesTheNextWriteItsOwnCheckpoint()
    {
        await using var file = await ScratchFile.CreateAsync(finishUnderTurnAt: 16, created: false);

        // No database file yet: the checkpoint cannot open it (and does not create it).
        file.Checkpoints.AfterWrite();
        await Eventually(() => file.Checkpoints.Failed == 1 && !file.Checkpoints.Scheduled, "the failed checkpoint did not end");
        await file.WritePagesAsync(Pages);
        file.Checkpoints.AfterWrite();

        await Eventually(() => file.Checkpoints.Completed == 1, "no checkpoint followed the write after a failed one");
        Assert.True(file.DatabaseBytes >= PagesBytes, "the log was not copied");
    }

    [Fact]
    public async Task TheEmbeddedStoresOwnWrites_AreFollowedByACheckpoint()
    {
        await using var opened = await MigratedStore.OpenAsync(HubStack.Embedded);
        var dialect = Assert.IsType<SqliteDialect>(opened.Dialect);
        await Eventually(() => !dialect.Checkpoints.Scheduled, "the checkpoint after the migrations did not end");
        var completed = dialect.Checkpoints.Completed;
        await opened.Store.StartRunAsync("market", "api", CancellationToken.None);

        await Eventually(() => dialect.Checkpoints.Completed > completed, "no checkpoint followed the store's write");
    }

    [Fact]
    public async Task TheEmbeddedStoresLog_IsInTheHubsMetrics_ItsSizeAndWhatTheCheckpointsDid()
    {
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, Directory.CreateTempSubdirectory("hub-log-metrics-").FullName);
        var dialect = Assert.IsType<SqliteDialect>(hub.Services.GetRequiredService<StoreDialect>());
        // The hub writes as it starts (migrations, leases): checkpoints follow.
        await Eventually(() => dialect.Checkpoints.Completed > 0, "no checkpoint followed the hub's writes");

        var measured = MeasureStoreLog(dialect.LogStatus.File);

        Assert.True(measured.TryGetValue("hub.store.log.size", out var size) && size > 0, $"the store's log measured {size} bytes");
        Assert.True(measured.TryGetValue("hub.store.checkpoints/completed", out var completed) && completed > 0 && completed <= dialect.Checkpoints.Completed,
            $"checkpoints measured {completed}, counted {dialect.Checkpoints.Completed}");
        Assert.Equal(0L, Assert.Contains("hub.store.checkpoints/failed", measured));
        Assert.Equal(0L, Assert.Contains("hub.store.log.restarts/started_over", measured));
        Assert.Equal(0L, Assert.Contains("hub.store.log.restarts/outstayed", measured));
    }

    /// <summary>What the hub's store-log instruments report for one store file now: by instrument, and outcome where tagged.</summary>
    private static Dictionary<string, long> MeasureStoreLog(string file)
    {
        var measured = new Dictionary<string, long>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == HubTelemetry.Name && instrument.Name.StartsWith("hub.store.", StringComparison.Ordinal))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? ofFile = null, outcome = null;
            foreach (var tag in tags)
            {
                if (tag.Key == StoreLogMetrics.FileTag)
                    ofFile = tag.Value as string;
                else if (tag.Key == StoreLogMetrics.OutcomeTag)
                    outcome = tag.Value as string;
            }

            if (ofFile == file)
                measured[outcome is null ? instrument.Name : $"{instrument.Name}/{outcome}"] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return measured;
    }

    private static async Task Eventually(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// A database file in a temporary directory, with the store's connection settings, a table of pages, its own turns
    /// and checkpoints (every 50 ms); the sizes of the file and its write-ahead log.
    /// </summary>
    private sealed class ScratchFile : IAsyncDisposable
    {
        private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("hub-checkpoints-");
        private readonly List<SqliteConnection> _connections = [];

        private ScratchFile(int finishUnderTurnAt, TimeSpan readerWait)
        {
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory.FullName, "store.db"), Pooling = true }.ToString();
            Checkpoints = new SqliteCheckpoints(ConnectionString, Turns, TimeSpan.FromMilliseconds(50), finishUnderTurnAt, readerWait);
        }

        public string ConnectionString { get; }

        public WriterTurns Turns { get; } = new();

        public SqliteCheckpoints Checkpoints { get; }

        private string DatabasePath => Path.Combine(_directory.FullName, "store.db");

        public long DatabaseBytes => File.Exists(DatabasePath) ? new FileInfo(DatabasePath).Length : 0;

        public long LogBytes => File.Exists(DatabasePath + "-wal") ? new FileInfo(DatabasePath + "-wal").Length : 0;

        /// <param name="created">Whether the database file exists from the start, or only with the first write.</param>
        /// <param name="readerWait">How long a checkpoint under the turn waits for readers to leave the log; the store's by default.</param>
        public static async Task<ScratchFile> CreateAsync(int finishUnderTurnAt, bool created = true, TimeSpan? readerWait = null)
        {
            var file = new ScratchFile(finishUnderTurnAt, readerWait ?? SqliteCheckpoints.ReaderWait);
            if (created)
                await file.ConnectAsync();
            return file;
        }

        public async Task WritePagesAsync(int pages)
        {
            var connection = _connections.Count > 0 ? _connections[0] : await ConnectAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @pages) INSERT INTO scratch (page) SELECT randomblob(4000) FROM n",
                new { pages }, tx);
            await tx.CommitAsync();
        }

        /// <summary>A reader's snapshot, held until disposed: no checkpoint may copy the pages written after it.</summary>
        public async Task<IDisposable> ReadAsync(int expectedPages)
        {
            var connection = await ConnectAsync();
            var reading = connection.BeginTransaction(deferred: true);
            Assert.Equal(expectedPages, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM scratch", transaction: reading));
            return reading;
        }

        private async Task<SqliteConnection> ConnectAsync()
        {
            var connection = new SqliteConnection(ConnectionString);
            await connection.OpenAsync();
            await connection.ExecuteAsync(SqliteDialect.ConnectionPragmas + "CREATE TABLE IF NOT EXISTS scratch (page BLOB NOT NULL);");
            _connections.Add(connection);
            return connection;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var connection in _connections)
                await connection.DisposeAsync();
            SqliteConnection.ClearAllPools();
            try
            {
                _directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temporary directory left behind is harmless.
            }
        }
    }
}
