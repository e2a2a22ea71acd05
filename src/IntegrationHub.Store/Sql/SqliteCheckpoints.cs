using Microsoft.Data.Sqlite;

namespace IntegrationHub.Store.Sql;

/// <summary>
/// Copies the embedded store's write-ahead log into the database file (SQLite's checkpoint) beside the writers, not
/// inside them. SQLite checkpoints in the commit that finds the log past a size, so whichever writer came last paid for
/// copying the pages the batch writer had written — a lease renewal or a delivery cursor held the process's one turn to
/// write (<see cref="WriterTurns"/>) for 60–110 ms on average, the batch writer waiting behind it. Here a write only
/// asks for a checkpoint; within <see cref="Interval"/> one copies the log without the turn (readers and writers go on;
/// SQLite lets a passive checkpoint run beside them). A write that finds the whole log copied starts it from its
/// beginning again; when the writers never leave the passes that moment and the log has grown past
/// <see cref="FinishUnderTurnAt"/> frames, the checkpoint takes the turn briefly to copy the last frames.
/// </summary>
internal sealed class SqliteCheckpoints(string connectionString, WriterTurns turns, TimeSpan interval, int finishUnderTurnAt)
{
    /// <summary>The longest a write waits for the checkpoint it asked for.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Frames of log (4 KiB pages) past which a checkpoint finishes under the turn: 64 MiB.</summary>
    public const int FinishUnderTurnAt = 16_384;

    public SqliteCheckpoints(string connectionString, WriterTurns turns)
        : this(connectionString, turns, Interval, FinishUnderTurnAt)
    {
    }

    /// <summary>At most this many passes beside the writers, until fewer than <see cref="FewEnoughLeft"/> frames are left uncopied.</summary>
    private const int MostPassesBeside = 4;
    private const int FewEnoughLeft = 1_024;

    // Never creates the file: a store removed meanwhile (a test's, say) stays removed.
    private readonly string _existingFile = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString();

    private int _scheduled;
    private volatile bool _writtenSince;

    private long _completed;
    private long _failed;
    private (long Frames, long Copied) _last;

    /// <summary>Checkpoints this process completed (one runs at a time).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Checkpoints that failed; the next one copies what they left.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Whether a checkpoint is waiting for its moment or running.</summary>
    public bool Scheduled => Volatile.Read(ref _scheduled) == 1;

    /// <summary>Told after each write: a checkpoint follows within the interval.</summary>
    public void AfterWrite()
    {
        _writtenSince = true;
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0)
            return;
        // The checkpoint is the process's, not the writer's: it carries none of the writer's context (its trace).
        using (ExecutionContext.SuppressFlow())
            _ = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        do
        {
            try
            {
                await Task.Delay(interval).ConfigureAwait(false);
                // Writes from here on ask for the next pass; so does a log this one could not copy whole.
                _writtenSince = false;
                if (!await CheckpointAsync().ConfigureAwait(false))
                    _writtenSince = true;
            }
            finally
            {
                // A full fence: a write that saw the checkpoint still scheduled set _writtenSince before this, and is seen.
                Interlocked.Exchange(ref _scheduled, 0);
            }
        }
        while (_writtenSince && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0);
    }

    /// <summary>
    /// One checkpoint; false when it left part of the log (a reader's snapshot kept it), so that the next one follows
    /// without waiting for a write. A failed one is not repeated until the next write: a store that is gone stays gone.
    /// </summary>
    private async Task<bool> CheckpointAsync()
    {
        try
        {
            await using var connection = await SqliteDialect.OpenAsync(_existingFile, CancellationToken.None).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            var (frames, copied) = await PassAsync(command).ConfigureAwait(false);
            // While the writers go on each pass leaves what they added meanwhile; a few more passes make that little.
            for (var pass = 1; pass < MostPassesBeside && frames - copied >= FewEnoughLeft; pass++)
                (frames, copied) = await PassAsync(command).ConfigureAwait(false);
            // When the passes copied everything, the next write starts the log over by itself; else, once the log is long,
            // the rest is copied with no writer in the process — unless a reader's snapshot kept this checkpoint from
            // copying anything new since the last (the turn would not help; the next checkpoint tries again). Giving that
            // turn back asks for a checkpoint like any other: one more pass a second later, with little or nothing to copy.
            var progressed = (frames, copied) != _last;
            if (frames >= finishUnderTurnAt && copied < frames && progressed)
            {
                using (await turns.TakeAsync(CancellationToken.None).ConfigureAwait(false))
                    (frames, copied) = await PassAsync(command).ConfigureAwait(false);
            }

            _last = (frames, copied);
            Interlocked.Increment(ref _completed);
            return copied >= frames;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A checkpoint is housekeeping: what this one could not copy the next one copies (or SQLite, when the last
            // connection closes); a write that cannot reach the file fails on its own, loudly.
            Interlocked.Increment(ref _failed);
            return true;
        }
    }

    /// <summary>One passive checkpoint: the frames in the log, and how many of them are copied into the database file.</summary>
    private static async Task<(long Frames, long Copied)> PassAsync(SqliteCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false) ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }
}
