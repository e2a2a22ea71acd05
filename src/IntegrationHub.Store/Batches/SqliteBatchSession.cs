using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Store.Batches;

/// <summary>
/// A batch on SQLite: one writer connection for the process (SQLite has one writer anyway), set up once — its pragmas,
/// its temporary staging tables, one prepared statement per table reused for every row of every batch.
/// </summary>
internal sealed class SqliteBatchSession : BatchSession
{
    private readonly SqliteBatchConnection _writer;
    private readonly SqliteTransaction _transaction;

    private SqliteBatchSession(SqliteBatchConnection writer, SqliteTransaction transaction)
    {
        _writer = writer;
        _transaction = transaction;
    }

    public override DbConnection Connection => _writer.Connection;

    public override DbTransaction Transaction => _transaction;

    public override string LockClause => "";

    // Transactions begin IMMEDIATE: writers are serialized already.
    public override string ChangeLogLock => "";

    private static readonly string EmptyStaging = string.Concat(BatchTables.Staging.Select(t => $"DELETE FROM {t.Name}; "));

    public static async Task<SqliteBatchSession> OpenAsync(SqliteBatchConnection writer, CancellationToken ct)
    {
        var transaction = (SqliteTransaction)await writer.Connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var session = new SqliteBatchSession(writer, transaction);
        await writer.Connection.ExecuteAsync(new CommandDefinition(
            EmptyStaging,
            transaction: transaction, cancellationToken: ct)).ConfigureAwait(false);
        return session;
    }

    public override Task WriteAsync<T>(BatchTable<T> table, IReadOnlyList<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return Task.CompletedTask;
        // The statement runs in the connection's transaction (SQLite has one per connection): the one this session began.
        Sql.SqliteStatement.RequireTransaction(_writer.Connection);
        var statement = _writer.Prepared(table.InsertValues, table.Columns.Count);
        var columns = table.Columns;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
                columns[i].Bind(statement, i, row);
            statement.Run();
        }

        return Task.CompletedTask;
    }

    public override async Task ExecuteAsync(string sql, object parameters, CancellationToken ct)
    {
        if (sql.Length > 0)
            await _writer.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, _transaction, cancellationToken: ct)).ConfigureAwait(false);
    }

    public override Task FlushAsync(object parameters, CancellationToken ct) => Task.CompletedTask;

    public override async ValueTask DisposeAsync() => await _transaction.DisposeAsync().ConfigureAwait(false);
}
