using System.Buffers.Binary;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Store.Sql;

/// <summary>
/// Copies the embedded store's write-ahead log into the database file (SQLite's checkpoint) beside the writers, not
/// inside them. SQLite checkpoints in the commit that finds the log past a size, so whichever writer came last paid for
/// copying the pages the batch writer had written — a lease renewal or a delivery cursor held the process's one turn to
/// write (<see cref="WriterTurns"/>) for 60–110 ms on average, the batch writer waiting behind it. Here a write only
/// asks for a checkpoint; within <see cref="Interval"/> one copies the log without the turn (readers and writers go on;
/// SQLite lets a passive checkpoint run beside them). A write that finds the whole log copied, and no reader still
/// reading from it, starts it from its beginning again. While readers come and go without pause (the projector, the
/// feeds, the runner's look-ups) that moment never comes, and the log grew without end: 14 GB beside a 7 GB database
/// during a million-row snapshot, until the page cache could not hold both and the store's pages were read from the disk
/// again. So once the log is past <see cref="FinishUnderTurnAt"/> frames the checkpoint may take the turn and restart it:
/// it copies the last frames and waits up to <see cref="ReaderWait"/> for the readers still in the log to finish (new
/// ones read the database file), so that the next write starts the log over. It does so when the passes could not copy
/// the log whole, or when they had, and a write grew it nonetheless (the log's header tells whether it started over).
/// </summary>
internal sealed class SqliteCheckpoints(string connectionString, WriterTurns turns, TimeSpan interval, int finishUnderTurnAt, TimeSpan readerWait)
{
    /// <summary>The longest a write waits for the checkpoint it asked for.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Frames of log (4 KiB pages) past which a checkpoint finishes under the turn: 64 MiB.</summary>
    public const int FinishUnderTurnAt = 16_384;

    /// <summary>
    /// The longest a checkpoint under the turn waits for readers to leave the log; the writers wait that long, and for
    /// the copy and sync of what the passes left. A reader that stays longer (an export, say) keeps the log; the next try
    /// under the turn comes once the log has grown by another <see cref="FinishUnderTurnAt"/> frames, and twice as much
    /// after each try the readers outstayed.
    /// </summary>
    public static readonly TimeSpan ReaderWait = TimeSpan.FromMilliseconds(250);

    public SqliteCheckpoints(string connectionString, WriterTurns turns)
        : this(connectionString, turns, Interval, FinishUnderTurnAt, ReaderWait)
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
    private long _startedOver;
    private long _outstayed;
    private int _restarting;

    // The log's file and what the last checkpoints found in it; touched only by the one checkpoint that runs at a time.
    private readonly string _databaseFile = new SqliteConnectionStringBuilder(connectionString).DataSource;
    private string LogFile => _databaseFile + "-wal";
    private LogMark? _wholeCopied;
    private LogMark? _readersStayed;
    private long _readersStep = finishUnderTurnAt;

    /// <summary>A place in the log: how often it had started over (its header's checkpoint sequence), and its frames.</summary>
    private readonly record struct LogMark(long? Generation, long Frames)
    {
        /// <summary>Whether this is the same log as <paramref name="earlier"/>, not started over since.</summary>
        public bool Continues(LogMark earlier) => Generation == earlier.Generation && Frames >= earlier.Frames;
    }

    /// <summary>Checkpoints this process completed (one runs at a time).</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Checkpoints that failed; the next one copies what they left.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Restarts of a long log under the turn (<c>wal_checkpoint(RESTART)</c>).</summary>
    public long Restarts => RestartsStartedOver + RestartsOutstayed;

    /// <summary>Restarts under the turn after which the next write starts the log over.</summary>
    public long RestartsStartedOver => Interlocked.Read(ref _startedOver);

    /// <summary>Restarts under the turn that readers outstayed: the log is left as it was, its frames copied.</summary>
    public long RestartsOutstayed => Interlocked.Read(ref _outstayed);

    /// <summary>The log's size and what the checkpoints did, as of now.</summary>
    public SqliteLogStatus Status()
    {
        long bytes;
        try
        {
            var log = new FileInfo(LogFile);
            bytes = log.Exists ? log.Length : 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            bytes = 0;
        }

        return new SqliteLogStatus(_databaseFile, bytes, Completed, Failed, RestartsStartedOver, RestartsOutstayed);
    }

    /// <summary>Whether a checkpoint holds the turn to restart the log (it may be waiting for readers to leave it).</summary>
    public bool Restarting => Volatile.Read(ref _restarting) == 1;

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
            var now = new LogMark(LogGeneration(), frames);
            if (_wholeCopied is { } whole && !now.Continues(whole))
                _wholeCopied = null;
            if (_readersStayed is { } stayed && !now.Continues(stayed))
                (_readersStayed, _readersStep) = (null, finishUnderTurnAt);
            // A long log the passes copied whole starts over with the next write, unless a reader is still in it: then the
            // write grows it, and the next checkpoint finds it longer than when it was copied whole. That log, and one the
            // passes could not copy whole, is restarted with no writer in the process — unless readers outstayed the last
            // try and the log has not grown by the step since (the writers would wait for them again, for nothing).
            var grewInsteadOfStartingOver = _wholeCopied is { } copiedWhole && frames > copiedWhole.Frames;
            if (frames >= finishUnderTurnAt && copied >= frames && !grewInsteadOfStartingOver)
                _wholeCopied ??= now;
            else if (frames >= finishUnderTurnAt && (_readersStayed is not { } last || frames - last.Frames >= _readersStep))
            {
                bool outstayed;
                using (await turns.TakeAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    Volatile.Write(ref _restarting, 1);
                    try
                    {
                        (outstayed, frames, copied) = await RestartAsync(connection).ConfigureAwait(false);
                    }
                    finally
                    {
                        Volatile.Write(ref _restarting, 0);
                    }
                }

                _wholeCopied = null;
                if (outstayed)
                {
                    Interlocked.Increment(ref _outstayed);
                    _readersStep = _readersStayed is null ? finishUnderTurnAt : 2 * _readersStep;
                    _readersStayed = now with { Frames = frames };
                }
                else
                {
                    Interlocked.Increment(ref _startedOver);
                    (_readersStayed, _readersStep) = (null, finishUnderTurnAt);
                }
            }

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
        var (_, frames, copied) = await CheckpointResultAsync(command).ConfigureAwait(false);
        return (frames, copied);
    }

    /// <summary>
    /// A checkpoint that copies the whole log and then waits (at most <see cref="ReaderWait"/>) until no reader reads from
    /// it, so that the next write starts it over; whether readers outstayed it, and the frames as <see cref="PassAsync"/>.
    /// The connection is this checkpoint's own (its connection string is no other's, and every open sets the store's
    /// busy timeout again).
    /// </summary>
    private async Task<(bool Outstayed, long Frames, long Copied)> RestartAsync(SqliteConnection connection)
    {
        await using (var wait = connection.CreateCommand())
        {
            wait.CommandText = $"PRAGMA busy_timeout = {(int)readerWait.TotalMilliseconds}";
            await wait.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(RESTART)";
        return await CheckpointResultAsync(command).ConfigureAwait(false);
    }

    /// <summary>
    /// How often the log has started over: the checkpoint sequence number in its header (bytes 12–15, big-endian), which
    /// SQLite writes anew with the first frame after each start; null when the file cannot be read.
    /// </summary>
    private long? LogGeneration()
    {
        try
        {
            using var file = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            Span<byte> header = stackalloc byte[16];
            return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length ? BinaryPrimitives.ReadUInt32BigEndian(header[12..]) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>SQLite's answer to a checkpoint: whether it was kept from finishing, the frames in the log, the frames copied.</summary>
    private static async Task<(bool Busy, long Frames, long Copied)> CheckpointResultAsync(SqliteCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false) ? (reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2)) : (false, 0, 0);
    }
}
