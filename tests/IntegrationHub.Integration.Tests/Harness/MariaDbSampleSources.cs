using System.Globalization;
using IntegrationHub.Samples;
using MySqlConnector;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>
/// The two sample departments' source tables in a MariaDB database of their own (on the MariaDB that
/// deploy/scripts/test.sh starts), with connector definitions pointing at it; the rows kept as the ground truth.
/// </summary>
public sealed class MariaDbSampleSources : IAsyncDisposable
{
    private MariaDbSampleSources(string connectionString, string connectorsDirectory)
    {
        ConnectionString = connectionString;
        ConnectorsDirectory = connectorsDirectory;
    }

    public string ConnectionString { get; }

    public string Database => new MySqlConnectionStringBuilder(ConnectionString).Database;

    public string ConnectorsDirectory { get; }

    public List<(SampleDepartment Department, SampleRow Row)> Rows { get; } = [];

    public static async Task<MariaDbSampleSources> CreateAsync(int casesPerDepartment)
    {
        var connectionString = await TestServices.CreateMySqlDatabaseAsync("hubsrc");
        var sources = new MariaDbSampleSources(connectionString, Directory.CreateTempSubdirectory("hub-mariadb-connectors-").FullName);
        sources.Rows.AddRange(new SampleGenerator(SampleSources.Seed).Generate(casesPerDepartment));
        foreach (var department in SampleDepartment.All)
            await WriteTableAsync(connectionString, department, sources.Rows.Where(r => r.Department == department).Select(r => r.Row));
        SampleConnectors.Write(RepositoryPaths.Connectors, sources.ConnectorsDirectory, "mariadb", _ => connectionString);
        return sources;
    }

    /// <summary>The department's table in MariaDB's types (a TEXT column cannot be a key there), filled 200 rows per INSERT.</summary>
    public static async Task WriteTableAsync(string connectionString, SampleDepartment department, IEnumerable<SampleRow> rows)
    {
        ArgumentNullException.ThrowIfNull(department);
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = department.Columns.Select(c => $"`{c.Name}` " + (c.Type, c.Name == department.KeyColumn) switch
        {
            (SampleColumnType.Integer, _) => "BIGINT",
            (SampleColumnType.Decimal, _) => "DECIMAL(20,6)",
            (_, true) => "VARCHAR(64)",
            _ => "TEXT",
        } + (c.Name == department.KeyColumn ? " NOT NULL PRIMARY KEY" : ""));
        await using (var create = new MySqlCommand($"CREATE TABLE `{department.Table}` ({string.Join(", ", columns)})", connection))
            await create.ExecuteNonQueryAsync();

        var names = department.Columns.Select(c => c.Name).ToList();
        foreach (var chunk in rows.Chunk(200))
        {
            await using var insert = new MySqlCommand { Connection = connection };
            var values = chunk.Select((row, r) => "(" + string.Join(", ", names.Select((name, c) =>
            {
                var parameter = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                insert.Parameters.AddWithValue(parameter, row.Values.GetValueOrDefault(name) ?? DBNull.Value);
                return parameter;
            })) + ")");
            insert.CommandText = $"INSERT INTO `{department.Table}` ({string.Join(", ", names.Select(n => $"`{n}`"))}) VALUES {string.Join(", ", values)}";
            await insert.ExecuteNonQueryAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await TestServices.DropMySqlDatabaseAsync(ConnectionString);
        try
        {
            Directory.Delete(ConnectorsDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }
}
