using Dapper;
using IntegrationHub.Store.Sql;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>
/// The embedded store's row statements (<see cref="SqliteStatement"/>): values bound straight to SQLite must read back
/// exactly as Microsoft.Data.Sqlite's commands write them, fail with SQLite's own message, and stay in the transaction.
/// </summary>
public sealed class SqliteStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteStatementTests()
    {
        _connection.Open();
        _connection.Execute("CREATE TABLE probe (key TEXT PRIMARY KEY, text TEXT, number BIGINT, real REAL)");
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void TextOfAnyLengthNumbersAndNulls_ReadBackExactlyAsBound()
    {
        // Longer than the statement's first buffer in UTF-8 (three bytes a character), with a character outside the BMP.
        var longText = string.Concat(Enumerable.Repeat("行政执法案件😀\"'\\", 800));
        using (var statement = new SqliteStatement(_connection, "INSERT INTO probe (key, text, number, real) VALUES (@p0, @p1, @p2, @p3)"))
        {
            Assert.Equal(4, statement.Parameters);
            Bind(statement, "long", longText, long.MaxValue, 1.5);
            Bind(statement, "empty", "", long.MinValue, null);
            Bind(statement, "nulls", null, null, null);
            statement.Value(0, "values");
            statement.Value(1, "甲");
            statement.Value(2, (byte)7);
            statement.Value(3, 2.25);
            statement.Run();
        }

        var rows = _connection.Query<(string Key, string? Text, long? Number, double? Real)>("SELECT key, text, number, real FROM probe ORDER BY key")
            .ToDictionary(r => r.Key);
        Assert.Equal((longText, long.MaxValue, 1.5), (rows["long"].Text, rows["long"].Number, rows["long"].Real));
        Assert.Equal(("", long.MinValue, (double?)null), (rows["empty"].Text, rows["empty"].Number, rows["empty"].Real));
        Assert.Equal(((string?)null, (long?)null, (double?)null), (rows["nulls"].Text, rows["nulls"].Number, rows["nulls"].Real));
        Assert.Equal(("甲", 7L, 2.25), (rows["values"].Text, rows["values"].Number, rows["values"].Real));
        Assert.Equal("text", _connection.ExecuteScalar<string>("SELECT typeof(text) FROM probe WHERE key = 'long'"));
    }

    [Fact]
    public void AConstraintViolation_ThrowsSqlitesOwnMessage_AndTheStatementRunsTheNextRow()
    {
        using var statement = new SqliteStatement(_connection, "INSERT INTO probe (key, number) VALUES (@p0, @p1)");
        Bind(statement, "a", 1);
        Bind(statement, "b", 2);

        statement.Text(0, "a");
        statement.Int64(1, 3);
        var error = Assert.Throws<SqliteException>(statement.Run);
        Assert.Contains("UNIQUE constraint failed: probe.key", error.Message, StringComparison.Ordinal);
        Bind(statement, "c", 4);

        Assert.Equal([1L, 2L, 4L], _connection.Query<long>("SELECT number FROM probe ORDER BY key"));
    }

    [Fact]
    public void RowsWrittenInsideATransaction_LeaveWithItsRollback()
    {
        using (var transaction = _connection.BeginTransaction())
        {
            using var statement = new SqliteStatement(_connection, "INSERT INTO probe (key) VALUES (@p0)");
            statement.Text(0, "inside");
            statement.Run();
            Assert.Equal(1, _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM probe", transaction: transaction));
            transaction.Rollback();
        }

        Assert.Equal(0, _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM probe"));
    }

    [Fact]
    public void AStatementThatDoesNotParse_ThrowsWithSqlitesMessage()
    {
        var error = Assert.Throws<SqliteException>(() => new SqliteStatement(_connection, "INSERT INTO no_such_table (key) VALUES (@p0)"));
        Assert.Contains("no such table: no_such_table", error.Message, StringComparison.Ordinal);
    }

    private static void Bind(SqliteStatement statement, string key, string? text, long? number, double? real)
    {
        statement.Text(0, key);
        statement.Text(1, text);
        statement.Int64(2, number);
        statement.Value(3, real);
        statement.Run();
    }

    private static void Bind(SqliteStatement statement, string key, long number)
    {
        statement.Text(0, key);
        statement.Int64(1, number);
        statement.Run();
    }
}
