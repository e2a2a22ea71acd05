using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Store.Sql;

/// <summary>The embedded store: one SQLite file in write-ahead-log mode.</summary>
public sealed class SqliteDialect : StoreDialect
{
    /// <summary>How long a command waits for another connection's write lock before it fails, in seconds.</summary>
    internal const int LockTimeoutSeconds = 60;

    /// <summary>
    /// Set on every store connection. WAL survives a killed process without losing committed transactions; NORMAL sync is
    /// safe in WAL mode. <c>busy_timeout</c> lets SQLite itself wait for a busy write lock, retrying within a few
    /// milliseconds of its release: without it Microsoft.Data.Sqlite retries by sleeping 150 ms at a time, so a one-row
    /// write behind the batch writer waited 300 ms at the median and over a second at p90 (8.6 ms and 54 ms with it).
    /// <c>wal_autocheckpoint=0</c>: no commit copies the log into the database file; <see cref="SqliteCheckpoints"/> does,
    /// beside the writers; the write that starts the log over cuts its file back to 64 MiB.
    /// </summary>
    internal static readonly string ConnectionPragmas =
        $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={LockTimeoutSeconds * 1000}; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;";

    private readonly string _connectionString;

    /// <summary>This process's turns to write the file: its writes and the batch writer's, one at a time, in order.</summary>
    private readonly WriterTurns _turns = new();

    /// <summary>The checkpoints that follow this process's writes.</summary>
    internal SqliteCheckpoints Checkpoints { get; }

    /// <summary>The store's write-ahead log: its size, and what this process's checkpoints did with it.</summary>
    public SqliteLogStatus LogStatus => Checkpoints.Status();

    public SqliteDialect(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = LockTimeoutSeconds };
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } directory)
            Directory.CreateDirectory(directory);
        _connectionString = builder.ToString();
        Checkpoints = new SqliteCheckpoints(_connectionString, _turns);
        _turns.Given = Checkpoints.AfterWrite;
    }

    public override string Provider => "sqlite";

    public override string ForUpdate => "";

    public override string AutoIncrementKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    // No round trips to save: one row a statement, prepared once and run for every row, without commands.
    internal override Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows, string onConflict, CancellationToken ct)
    {
        MultiRowStatement.Rows((SqliteConnection)connection, table, columns, rows, onConflict, ct);
        return Task.CompletedTask;
    }

    // One JSON parameter read by json_each, not a list expanded into one named parameter per value: SQLite looks every
    // named parameter up among all of a statement's, so an expanded list of n values costs n² name comparisons.
    public override string InList(string column, string parameter) => $"{column} IN (SELECT value FROM json_each(@{parameter}))";

    public override object ListValue<T>(IEnumerable<T> values) => System.Text.Json.JsonSerializer.Serialize(values);

    internal override Batches.IBatchSessions CreateBatchSessions() => new Batches.SqliteBatchSessions(_connectionString, _turns);

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await OpenAsync(_connectionString, ct).ConfigureAwait(false);

    /// <summary>A connection to the store file with the <see cref="ConnectionPragmas"/> every connection sets.</summary>
    internal static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = ConnectionPragmas;
            await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private protected override async Task<IDisposable?> TakeTurnAsync(CancellationToken ct) => await _turns.TakeAsync(ct).ConfigureAwait(false);

    private protected override async Task<IDisposable?> TakeBackgroundTurnAsync(TimeSpan yieldAtMost, CancellationToken ct) =>
        await _turns.TakeInBackgroundAsync(yieldAtMost, ct).ConfigureAwait(false);

    // SQLite transactions from Microsoft.Data.Sqlite begin IMMEDIATE: writers are already serialized.
    public override Task LockChangeLogAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct) => Task.CompletedTask;
}
