using System.Data.Common;
using System.Globalization;
using System.Text;

namespace IntegrationHub.Store.Sql;

/// <summary>
/// Writes many rows in a transaction: <c>INSERT … VALUES (…)</c> with an optional <c>ON CONFLICT</c> clause, one SQL text
/// for both databases; how the rows travel is the dialect's (<see cref="StoreDialect.InsertRowsAsync"/>). PostgreSQL, where
/// round trips cost most, sends many rows a command (<see cref="CommandsAsync"/>); SQLite, where a statement costs no round
/// trip, prepares one row's statement and runs it for every row (<see cref="Rows"/>).
/// </summary>
internal static class MultiRowStatement
{
    public static Task ExecuteAsync(StoreDialect dialect, DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows, string onConflict, CancellationToken ct) =>
        rows.Count == 0 ? Task.CompletedTask : dialect.InsertRowsAsync(connection, transaction, table, columns, rows, onConflict, ct);

    /// <summary><paramref name="perStatement"/> rows a command; the command of a full chunk is built once and reused with new values.</summary>
    public static async Task CommandsAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows, string onConflict, int perStatement, CancellationToken ct)
    {
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                var command = count == perStatement ? full ??= Create(connection, transaction, table, columns, count, onConflict)
                    : Create(connection, transaction, table, columns, count, onConflict);
                for (var r = 0; r < count; r++)
                {
                    var row = rows[start + r];
                    for (var c = 0; c < columns.Count; c++)
                        command.Parameters[r * columns.Count + c].Value = row[c] ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                if (!ReferenceEquals(command, full))
                    await command.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            if (full is not null)
                await full.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The rows one at a time through one prepared statement, in the connection's transaction (SQLite).</summary>
    public static void Rows(Microsoft.Data.Sqlite.SqliteConnection connection, string table, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows,
        string onConflict, CancellationToken ct)
    {
        SqliteStatement.RequireTransaction(connection);
        using var statement = new SqliteStatement(connection,
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(_ => "?"))}) {onConflict}");
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            for (var c = 0; c < columns.Count; c++)
                statement.Value(c, row[c]);
            statement.Run();
        }
    }

    private static DbCommand Create(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, int rows, string onConflict)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@p{r * columns.Count + c}");
                sql.Append(c == 0 ? name : ", " + name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        command.CommandText = sql.Append(' ').Append(onConflict).ToString();
        return command;
    }
}
