using System.Data.Common;
using System.Globalization;
using IntegrationHub.Samples;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Core.Tests.Samples;

public sealed class SampleSourceWriterTests : IDisposable
{
    private const int Cases = 3_000;
    private const int Seed = 11;

    private readonly string directory = Path.Combine(Path.GetTempPath(), "ih-samples-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task EnsureSqliteAsync_EmptyDirectory_CreatesBothDatabasesWithTheRowCounts()
    {
        var summary = await SampleDatabases.EnsureSqliteAsync(directory, Cases, Seed, CancellationToken.None);

        Assert.Equal(SampleDepartment.All.Select(d => d.Id), summary.Databases.Select(d => d.DepartmentId));
        Assert.Equal(2L * Cases, summary.TotalRows);
        foreach (var (file, department) in summary.Databases.Zip(SampleDepartment.All))
        {
            Assert.True(file.Created);
            Assert.Equal(Path.Combine(Path.GetFullPath(directory), department.Id + ".db"), file.Path);
            Assert.Equal(Cases, file.Rows);
            await using var connection = await OpenAsync(file.Path);
            Assert.Equal(Cases, await CountAsync(connection, department));
        }

        Assert.Equal(2, Directory.GetFiles(directory).Length); // no temporary file left behind
    }

    [Fact]
    public async Task EnsureSqliteAsync_ExistingDatabases_AreReusedUntouched()
    {
        var first = await SampleDatabases.EnsureSqliteAsync(directory, Cases, Seed, CancellationToken.None);
        var written = first.Databases.Select(d => File.GetLastWriteTimeUtc(d.Path)).ToList();

        var second = await SampleDatabases.EnsureSqliteAsync(directory, 10, Seed + 1, CancellationToken.None);

        Assert.All(second.Databases, d => Assert.False(d.Created));
        Assert.Equal(first.Databases.Select(d => d.Rows), second.Databases.Select(d => d.Rows));
        Assert.Equal(written, second.Databases.Select(d => File.GetLastWriteTimeUtc(d.Path)));
    }

    [Fact]
    public async Task InsertAsync_GeneratedRows_ReadBackAndPageByWatermarkAndKey()
    {
        Directory.CreateDirectory(directory);
        foreach (var department in SampleDepartment.All)
        {
            var rows = Rows(department, 1_200);
            await using var connection = await OpenAsync(Path.Combine(directory, department.Id + ".db"));
            await SampleSourceWriter.CreateAsync(connection, department, CancellationToken.None);
            await SampleSourceWriter.CreateAsync(connection, department, CancellationToken.None); // idempotent

            var inserted = await SampleSourceWriter.InsertAsync(connection, department, rows, CancellationToken.None);

            Assert.Equal(rows.Count, inserted);
            var stored = await ReadAllAsync(connection, department);
            foreach (var row in rows)
            {
                var values = stored[row.SourceKey];
                foreach (var column in department.Columns.Where(c => c.Type == SampleColumnType.Text))
                {
                    Assert.Equal(row.Values[column.Name], values[column.Name]);
                }
            }

            // Keyset paging by (watermark, key): ties on the watermark must be broken by the key.
            var seen = await PageAsync(connection, department, pageSize: 37);
            Assert.Equal(rows.Count, seen.Count);
            Assert.Equal(rows.Count, seen.Distinct().Count());
        }
    }

    [Fact]
    public async Task ChangeAsync_SomeRows_ChangesExactlyThoseValidRowsAndBumpsTheirWatermark()
    {
        await SampleDatabases.EnsureSqliteAsync(directory, Cases, Seed, CancellationToken.None);
        var now = new DateTimeOffset(2026, 2, 3, 4, 5, 6, 789, TimeSpan.Zero);
        var truth = new SampleGenerator(Seed).Generate(Cases).ToDictionary(r => (r.Department.Id, r.Row.SourceKey), r => r.Row.Truth);

        foreach (var department in SampleDepartment.All)
        {
            await using var connection = await OpenAsync(Path.Combine(directory, department.Id + ".db"));
            var before = await ReadAllAsync(connection, department);

            var changed = await SampleSourceWriter.ChangeAsync(connection, department, 40, seed: 5, now, CancellationToken.None);

            var after = await ReadAllAsync(connection, department);
            Assert.Equal(40, changed.Count);
            Assert.Equal(40, changed.Distinct().Count());
            var differing = after.Where(a => !SameRow(before[a.Key], a.Value)).Select(a => a.Key).Order().ToList();
            Assert.Equal(changed.Order(), differing);

            var expectedWatermark = IsMarket(department) ? "2026-02-03 12:05:06.789" : "2026-02-03T12:05:06.789+08:00";
            var facts = IsMarket(department) ? "违法事实" : "facts";
            var fine = IsMarket(department) ? "罚款金额" : "fine_wan";
            foreach (var key in changed)
            {
                Assert.Null(truth[(department.Id, key)].Defect);
                Assert.Equal(expectedWatermark, after[key][department.WatermarkColumn]);
                Assert.NotEqual(before[key][facts], after[key][facts]);
                Assert.Equal(before[key][fine] is null, after[key][fine] is null);
                if (before[key][fine] is not null)
                {
                    Assert.NotEqual(before[key][fine], after[key][fine]);
                }
            }

            // The changed rows are now the last ones in (watermark, key) order, as an incremental sync expects.
            var paged = await PageAsync(connection, department, pageSize: 500);
            Assert.Equal(changed.Order(), paged.TakeLast(40).Order());
        }
    }

    [Fact]
    public async Task ChangeAsync_MoreRowsThanValidPenalties_Throws()
    {
        await SampleDatabases.EnsureSqliteAsync(directory, 20, Seed, CancellationToken.None);
        var department = SampleDepartment.MarketRegulation;
        await using var connection = await OpenAsync(Path.Combine(directory, department.Id + ".db"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => SampleSourceWriter.ChangeAsync(connection, department, 21, 1, DateTimeOffset.UnixEpoch, CancellationToken.None));
    }

    private static bool IsMarket(SampleDepartment department) => department == SampleDepartment.MarketRegulation;

    private static List<SampleRow> Rows(SampleDepartment department, int count) =>
        new SampleGenerator(Seed).Generate(count).Where(r => r.Department == department).Select(r => r.Row).ToList();

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> CountAsync(DbConnection connection, SampleDepartment department)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{department.Table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<Dictionary<string, Dictionary<string, object?>>> ReadAllAsync(DbConnection connection, SampleDepartment department)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{department.Table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var values = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows[Convert.ToString(values[department.KeyColumn], CultureInfo.InvariantCulture)!] = values;
        }

        return rows;
    }

    /// <summary>Reads every key by keyset paging on (watermark, key), as a connector does.</summary>
    private static async Task<List<string>> PageAsync(DbConnection connection, SampleDepartment department, int pageSize)
    {
        var keys = new List<string>();
        string? lastWatermark = null;
        object? lastKey = null;
        while (true)
        {
            await using var command = connection.CreateCommand();
            var wm = $"\"{department.WatermarkColumn}\"";
            var key = $"\"{department.KeyColumn}\"";
            var where = lastWatermark is null ? "" : $"WHERE {wm} > @wm OR ({wm} = @wm AND {key} > @key) ";
            command.CommandText = $"SELECT {wm}, {key} FROM \"{department.Table}\" {where}ORDER BY {wm}, {key} LIMIT {pageSize}";
            if (lastWatermark is not null)
            {
                command.Parameters.Add(new SqliteParameter("@wm", lastWatermark));
                command.Parameters.Add(new SqliteParameter("@key", lastKey));
            }

            await using var reader = await command.ExecuteReaderAsync();
            var read = 0;
            while (await reader.ReadAsync())
            {
                lastWatermark = reader.GetString(0);
                lastKey = reader.GetValue(1);
                keys.Add(Convert.ToString(lastKey, CultureInfo.InvariantCulture)!);
                read++;
            }

            if (read < pageSize)
            {
                return keys;
            }
        }
    }

    private static bool SameRow(Dictionary<string, object?> a, Dictionary<string, object?> b) =>
        a.Count == b.Count && a.All(p => Equals(p.Value, b[p.Key]));
}
