using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Sql;

namespace IntegrationHub.Integration.Tests.Connectors.Sql;

/// <summary>The sql connector against real PostgreSQL, MariaDB and SQLite databases, one database per test.</summary>
public sealed class SqlSourceConnectorTests
{
    private static string CasesTable(SqlSourceDatabase db) =>
        $"CREATE TABLE cases (id INT NOT NULL PRIMARY KEY, name VARCHAR(100), dept_id INT, updated_at {db.TimestampType} NOT NULL)";

    /// <summary>Seven rows; ids 1–3 share a watermark, and so do 4–5. Source order: 7, 1, 2, 3, 4, 5, 6.</summary>
    private static async Task SeedCasesAsync(SqlSourceDatabase db) => await db.ExecuteAsync(
        CasesTable(db),
        "INSERT INTO cases (id, name, dept_id, updated_at) VALUES " +
        "(1, 'one', 10, '2024-01-01 10:00:00'), (2, 'two', 20, '2024-01-01 10:00:00'), (3, 'closed', 10, '2024-01-01 10:00:00'), " +
        "(4, 'four', 20, '2024-01-01 11:00:00.250000'), (5, 'five', 10, '2024-01-01 11:00:00.250000'), " +
        "(6, 'six', 20, '2024-01-02 08:00:00'), (7, 'seven', 10, '2024-01-01 09:00:00')");

    private static List<long> Ids(IEnumerable<SourcePage> pages, string column = "id") =>
        [.. pages.SelectMany(p => p.Records).Select(r => r.Data[column]!.GetValue<long>())];

    [Theory]
    [MemberData(nameof(SqlSourceDatabase.Providers), MemberType = typeof(SqlSourceDatabase))]
    public async Task Read_RowsTiedOnTheWatermark_ArePagedThroughOnceInKeyOrder(string provider)
    {
        await using var db = await SqlSourceDatabase.CreateAsync(provider);
        await SeedCasesAsync(db);

        var pages = await SqlSourceDatabase.ReadAllAsync(db.Connector(new JsonObject { ["table"] = "cases", ["key"] = "id", ["watermark"] = "updated_at", ["pageSize"] = 2 }));

        Assert.Equal([2, 2, 2, 1], pages.Select(p => p.Records.Count));
        Assert.Equal([7, 1, 2, 3, 4, 5, 6], Ids(pages));
        Assert.All(pages, p => Assert.NotNull(p.CheckpointAfter));
        Assert.All(pages.SelectMany(p => p.Records), r => Assert.False(r.Deleted));
    }

    [Theory]
    [MemberData(nameof(SqlSourceDatabase.Providers), MemberType = typeof(SqlSourceDatabase))]
    public async Task Read_FromAStoredCheckpoint_ResumesAfterItsRowAndSeesLaterChanges(string provider)
    {
        await using var db = await SqlSourceDatabase.CreateAsync(provider);
        await SeedCasesAsync(db);
        var connector = db.Connector(new JsonObject { ["table"] = "cases", ["key"] = "id", ["watermark"] = "updated_at", ["pageSize"] = 3 });
        var first = (await SqlSourceDatabase.ReadAllAsync(connector))[0];
        Assert.Equal([7, 1, 2], Ids([first]));

        // The checkpoint sits inside a tie (ids 1–3 share the watermark): resuming must neither skip nor repeat.
        var rest = await SqlSourceDatabase.ReadAllAsync(connector, first.CheckpointAfter);
        Assert.Equal([3, 4, 5, 6], Ids(rest));

        await db.ExecuteAsync("UPDATE cases SET name = 'one again', updated_at = '2024-02-01 00:00:00.000001' WHERE id = 1");
        var changes = await SqlSourceDatabase.ReadAllAsync(connector, rest[^1].CheckpointAfter);
        Assert.Equal([1], Ids(changes));
        Assert.Equal("one again", changes[0].Records[0].Data["name"]!.GetValue<string>());
        Assert.Empty(await SqlSourceDatabase.ReadAllAsync(connector, changes[^1].CheckpointAfter));

        var checkpoint = KeysetCheckpoint.Parse(rest[^1].CheckpointAfter)!;
        Assert.IsType(provider == "sqlite" ? typeof(string) : typeof(DateTime), checkpoint.Watermark);
    }

    [Theory]
    [MemberData(nameof(SqlSourceDatabase.Providers), MemberType = typeof(SqlSourceDatabase))]
    public async Task Read_AView_ReadsTheRowsTheViewShows(string provider)
    {
        await using var db = await SqlSourceDatabase.CreateAsync(provider);
        await SeedCasesAsync(db);
        await db.ExecuteAsync("CREATE VIEW open_cases AS SELECT id, name, updated_at FROM cases WHERE name <> 'closed'");

        var pages = await SqlSourceDatabase.ReadAllAsync(db.Connector(new JsonObject { ["table"] = "open_cases", ["key"] = "id", ["watermark"] = "updated_at", ["pageSize"] = 4 }));

        Assert.Equal([7, 1, 2, 4, 5, 6], Ids(pages));
        Assert.Equal(["id", "name", "updated_at"], pages[0].Records[0].Data.Select(p => p.Key));
    }

    [Theory]
    [MemberData(nameof(SqlSourceDatabase.Providers), MemberType = typeof(SqlSourceDatabase))]
    public async Task Read_AQuery_IsPagedAsADerivedTable(string provider)
    {
        await using var db = await SqlSourceDatabase.CreateAsync(provider);
        await SeedCasesAsync(db);
        await db.ExecuteAsync("CREATE TABLE depts (id INT NOT NULL PRIMARY KEY, title VARCHAR(50))", "INSERT INTO depts (id, title) VALUES (10, 'market'), (20, 'ecology')");
        var connector = db.Connector(new JsonObject
        {
            ["query"] = "SELECT c.id, c.name, c.updated_at, d.title AS dept FROM cases c JOIN depts d ON d.id = c.dept_id WHERE c.name <> 'closed' -- open cases only",
            ["key"] = "id",
            ["watermark"] = "updated_at",
            ["pageSize"] = 2,
        });

        var pages = await SqlSourceDatabase.ReadAllAsync(connector);

        Assert.Equal([7, 1, 2, 4, 5, 6], Ids(pages));
        Assert.Equal("market", pages[0].Records[0].Data["dept"]!.GetValue<string>());
        Assert.Equal([5, 6], Ids(await SqlSourceDatabase.ReadAllAsync(connector, pages[1].CheckpointAfter)));
    }

    [Theory]
    [MemberData(nameof(SqlSourceDatabase.Providers), MemberType = typeof(SqlSourceDatabase))]
    public async Task Read_StagingTable_TurnsDeleteOperationsIntoDeletionsOfTheRightKey(string provider)
    {
        await using var db = await SqlSourceDatabase.CreateAsync(provider);
        await db.ExecuteAsync(
            $"CREATE TABLE cd_cases (case_id VARCHAR(32) NOT NULL, name VARCHAR(100), cd_operation CHAR(1), cd_time {db.TimestampType} NOT NULL, cd_batch INT)",
            "INSERT INTO cd_cases (case_id, name, cd_operation, cd_time, cd_batch) VALUES " +
            "('A', 'alpha', 'i', '2024-03-01 08:00:00', 1), ('B', 'beta', 'I', '2024-03-01 08:00:00', 1), " +
            "('A', 'alpha 2', 'u', '2024-03-02 08:00:00', 2), ('B', 'beta', 'd', '2024-03-03 08:00:00', 3), " +
            "('C', 'gamma', 'x', '2024-03-03 08:00:00', 3)");
        var connector = db.Connector(new JsonObject
        {
            ["table"] = "cd_cases",
            ["key"] = "case_id",
            ["watermark"] = "cd_time",
            ["pageSize"] = 2,
            ["excludeColumns"] = new JsonArray("cd_operation", "cd_batch"),
            ["staging"] = new JsonObject { ["operationColumn"] = "cd_operation" },
        });

        var records = (await SqlSourceDatabase.ReadAllAsync(connector)).SelectMany(p => p.Records).ToList();

        Assert.Equal(["A", "B", "A", "B", "C"], records.Select(r => r.Data["case_id"]!.GetValue<string>()));
        Assert.Equal([false, false, false, true, false], records.Select(r => r.Deleted));
        Assert.Equal("alpha 2", records[2].Data["name"]!.GetValue<string>());
        Assert.All(records, r => Assert.False(r.Data.ContainsKey("cd_operation") || r.Data.ContainsKey("cd_batch")));
        Assert.All(records, r => Assert.True(r.Data.ContainsKey("cd_time")));
        Assert.All(records.Take(4), r => Assert.Null(r.Problem));
        Assert.Contains("'x'", records[4].Problem, StringComparison.Ordinal);
        Assert.Contains("case_id=C", records[4].Origin, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SqlSourceDatabase.Providers), MemberType = typeof(SqlSourceDatabase))]
    public async Task Check_AReachableSource_SucceedsWithTheFirstPage(string provider)
    {
        await using var db = await SqlSourceDatabase.CreateAsync(provider);
        await SeedCasesAsync(db);

        var check = await new SqlSourceConnector().CheckAsync(
            db.Connector(new JsonObject { ["table"] = "cases", ["key"] = "id", ["watermark"] = "updated_at", ["pageSize"] = 5 }), SqlSourceDatabase.Context, CancellationToken.None);

        Assert.True(check.Succeeded, check.Message);
        Assert.Equal(5, check.RecordsRead);
    }

    [Theory]
    [MemberData(nameof(SqlSourceDatabase.Providers), MemberType = typeof(SqlSourceDatabase))]
    public async Task Check_AWatermarkColumnTheTableLacks_FailsNamingTheSetting(string provider)
    {
        await using var db = await SqlSourceDatabase.CreateAsync(provider);
        await SeedCasesAsync(db);

        var check = await new SqlSourceConnector().CheckAsync(
            db.Connector(new JsonObject { ["table"] = "cases", ["key"] = "id", ["watermark"] = "id" + "_missing" }), SqlSourceDatabase.Context, CancellationToken.None);

        Assert.False(check.Succeeded);
        Assert.Contains("id_missing", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MariaDbWithAWrongPassword_FailsAtAuthenticate_WithoutShowingThePassword()
    {
        await using var db = await SqlSourceDatabase.CreateAsync("mariadb");
        var wrong = new MySqlConnector.MySqlConnectionStringBuilder(db.ConnectionString) { Password = "Wr0ng-Secret-7731" }.ConnectionString;
        var source = new JsonObject { ["provider"] = "mariadb", ["connectionString"] = wrong, ["table"] = "cases", ["key"] = "id", ["watermark"] = "updated_at" };

        var check = await new SqlSourceConnector().CheckAsync(SqlSourceDatabase.Definition(source), SqlSourceDatabase.Context, CancellationToken.None);

        Assert.False(check.Succeeded);
        Assert.Equal("authenticate", check.Stage);
        Assert.DoesNotContain("Wr0ng-Secret-7731", check.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_MariaDbWithAWrongPassword_ThrowsAnAuthenticateFailure()
    {
        await using var db = await SqlSourceDatabase.CreateAsync("mariadb");
        var wrong = new MySqlConnector.MySqlConnectionStringBuilder(db.ConnectionString) { Password = "Wr0ng-Secret-7731" }.ConnectionString;
        var source = new JsonObject { ["provider"] = "mysql", ["connectionString"] = wrong, ["table"] = "cases", ["key"] = "id", ["watermark"] = "updated_at" };

        var error = await Assert.ThrowsAsync<SourceAccessException>(() => SqlSourceDatabase.ReadAllAsync(SqlSourceDatabase.Definition(source)));

        Assert.Equal("authenticate", error.Stage);
        Assert.DoesNotContain("Wr0ng-Secret-7731", error.ToString(), StringComparison.Ordinal);
    }
}
