using Microsoft.Data.Sqlite;

namespace IntegrationHub.Store.Batches;

/// <summary>The SQLite store's batch writer connection: opened once, with its settings, staging tables and prepared statements.</summary>
internal sealed class SqliteBatchConnection : IDisposable
{
    private readonly Dictionary<string, Sql.SqliteStatement> _prepared = new(StringComparer.Ordinal);

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

    /// <summary>A statement prepared once for this connection, with parameters @p0…@p(n-1).</summary>
    public Sql.SqliteStatement Prepared(string sql, int parameters)
    {
        if (_prepared.TryGetValue(sql, out var statement))
            return statement;
        statement = new Sql.SqliteStatement(Connection, sql);
        if (statement.Parameters != parameters)
        {
            statement.Dispose();
            throw new InvalidOperationException($"The statement has {statement.Parameters} parameters, not {parameters}: {sql}");
        }

        _prepared[sql] = statement;
        return statement;
    }

    public void Dispose()
    {
        // Statements first: a connection closed with statements still prepared is only closed once they are finalized.
        foreach (var statement in _prepared.Values)
            statement.Dispose();
        _prepared.Clear();
        Connection.Dispose();
    }
}
