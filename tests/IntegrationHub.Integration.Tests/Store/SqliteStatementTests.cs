using Dapper;
using IntegrationHub.Integration.Tests.Harness;
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

    [Fact]
    public void ATextFarLongerThanTheStatementsBuffer_IsWrittenWhole_AndTheNextShortOneStillIs()
    {
        var huge = string.Concat(Enumerable.Repeat("案件事实", 50_000));
        using (var statement = new SqliteStatement(_connection, "INSERT INTO probe (key, text) VALUES (@p0, @p1)"))
        {
            statement.Text(0, "huge");
            statement.Text(1, huge);
            statement.Run();
            statement.Text(0, "short");
            statement.Text(1, "乙");
            statement.Run();
        }

        Assert.Equal(huge, _connection.ExecuteScalar<string>("SELECT text FROM probe WHERE key = 'huge'"));
        Assert.Equal("乙", _connection.ExecuteScalar<string>("SELECT text FROM probe WHERE key = 'short'"));
    }

    [Fact]
    public void ValuesGivenAsObjects_BindBooleansEnumsAndIntegersAsIntegers_AndRefuseWhatTheStoreNeverWrites()
    {
        using var statement = new SqliteStatement(_connection, "INSERT INTO probe (key, number, real) VALUES (@p0, @p1, @p2)");
        (string Key, object Number)[] integers = [("true", true), ("int", 42), ("uint", 7u), ("enum", DayOfWeek.Friday), ("short", (short)-3)];
        foreach (var (key, number) in integers)
        {
            statement.Value(0, key);
            statement.Value(1, number);
            statement.Value(2, 0.5f);
            statement.Run();
        }

        Assert.Equal([5L, 42L, -3L, 1L, 7L],
            _connection.Query<long>("SELECT number FROM probe WHERE typeof(number) = 'integer' ORDER BY key"));
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => statement.Value(2, double.NaN)).Message, StringComparison.Ordinal);
        Assert.Contains("System.Decimal", Assert.Throws<ArgumentException>(() => statement.Value(2, 1.5m)).Message, StringComparison.Ordinal);
        Assert.Contains("System.Guid", Assert.Throws<ArgumentException>(() => statement.Value(1, Guid.Empty)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowsOfObjects_OnTheEmbeddedStore_UpsertWithTheirConflictClause_AndAreRefusedOutsideATransaction()
    {
        await using var opened = await MigratedStore.OpenAsync(HubStack.Embedded);
        await using var connection = await opened.Dialect.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("CREATE TEMP TABLE tally_probe (key TEXT PRIMARY KEY, cases BIGINT NOT NULL)");
        string[] columns = ["key", "cases"];
        const string Add = "ON CONFLICT (key) DO UPDATE SET cases = tally_probe.cases + excluded.cases";

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            MultiRowStatement.ExecuteAsync(opened.Dialect, connection, null!, "tally_probe", columns, [["a", 1L]], Add, CancellationToken.None));
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await MultiRowStatement.ExecuteAsync(opened.Dialect, connection, transaction, "tally_probe", columns,
                [["a", 1L], ["b", 2], ["a", 10L], ["甲", 3L]], Add, CancellationToken.None);
            await transaction.CommitAsync();
        }

        Assert.Equal([("a", 11L), ("b", 2L), ("甲", 3L)],
            await connection.QueryAsync<(string, long)>("SELECT key, cases FROM tally_probe ORDER BY key"));
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
