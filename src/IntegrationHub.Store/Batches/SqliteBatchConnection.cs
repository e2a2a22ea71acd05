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
        // A larger page cache keeps the indexes of a million records in memory while a backfill writes them. No commit
        // checkpoints (the connection pragmas): SqliteCheckpoints copies the log beside the writers.
        setup.CommandText =
            Sql.SqliteDialect.ConnectionPragmas +
            """
            PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;
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
