using System.Data.Common;
using System.Text;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Store.Batches;

/// <summary>A batch on PostgreSQL: binary COPY into session staging tables, one round trip for all statements.</summary>
internal sealed class PostgresBatchSession : BatchSession
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly StringBuilder _pending = new();

    private readonly PostgresBatchSessions _owner;

    private PostgresBatchSession(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresBatchSessions owner)
    {
        _connection = connection;
        _transaction = transaction;
        _owner = owner;
    }

    public override DbConnection Connection => _connection;

    public override DbTransaction Transaction => _transaction;

    public override string LockClause => " FOR UPDATE";

    public override string ChangeLogLock => $"SELECT pg_advisory_xact_lock({Sql.PostgresDialect.ChangeLogLock});";

    /// <summary>
    /// Begins the batch's transaction on an open connection, with the session's staging tables in place. They live as
    /// long as the connection (kept by <see cref="PostgresBatchSessions"/>) and are emptied at every commit; creating
    /// them "if not exists" costs a catalog lookup, not a round trip of its own.
    /// </summary>
    public static async Task<PostgresBatchSession> BeginAsync(NpgsqlConnection connection, PostgresBatchSessions owner, CancellationToken ct)
    {
        var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(StagingTables, transaction: transaction, cancellationToken: ct)).ConfigureAwait(false);
            return new PostgresBatchSession(connection, transaction, owner);
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static readonly string StagingTables = string.Join("\n",
        [Staging(BatchTables.SourceRecords), Staging(BatchTables.GoldenRecords), Staging(BatchTables.RecordConflicts), Staging(BatchTables.Quarantine),
        .. BatchTables.Staging.Select(t => t.Create + " ON COMMIT DELETE ROWS;")]);

    private static string Staging<T>(BatchTable<T> table) =>
        $"CREATE TEMP TABLE IF NOT EXISTS {table.StagingTable} ON COMMIT DELETE ROWS AS SELECT {table.ColumnList} FROM {table.Name} WITH NO DATA;";

    public override async Task WriteAsync<T>(BatchTable<T> table, IReadOnlyList<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return;
        var target = table.OnConflict is null ? table.Name : table.StagingTable;
        await using (var copy = await _connection.BeginBinaryImportAsync($"COPY {target} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct).ConfigureAwait(false);
                foreach (var column in table.Columns)
                    await WriteValueAsync(copy, column, row, ct).ConfigureAwait(false);
            }

            await copy.CompleteAsync(ct).ConfigureAwait(false);
        }

        if (table.OnConflict is not null)
            _pending.AppendLine(table.InsertFromStaging + ";");
    }

    private static Task WriteValueAsync<T>(NpgsqlBinaryImporter copy, BatchColumn<T> column, T row, CancellationToken ct) => column switch
    {
        TextColumn<T> text => text.Value(row) is { } value ? copy.WriteAsync(value, NpgsqlDbType.Text, ct) : copy.WriteNullAsync(ct),
        Int32Column<T> int32 => copy.WriteAsync(int32.Value(row), NpgsqlDbType.Integer, ct),
        Int64Column<T> int64 => int64.Value(row) is { } value ? copy.WriteAsync(value, NpgsqlDbType.Bigint, ct) : copy.WriteNullAsync(ct),
        _ => throw new InvalidOperationException($"Column {column.Name} has no PostgreSQL type."),
    };

    public override Task ExecuteAsync(string sql, object parameters, CancellationToken ct)
    {
        _pending.AppendLine(sql);
        return Task.CompletedTask;
    }

    public override async Task FlushAsync(object parameters, CancellationToken ct)
    {
        if (_pending.Length == 0)
            return;
        var sql = _pending.ToString();
        _pending.Clear();
        await _connection.ExecuteAsync(new CommandDefinition(sql, parameters, _transaction, cancellationToken: ct)).ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _owner.ReturnAsync(_connection).ConfigureAwait(false);
    }
}
