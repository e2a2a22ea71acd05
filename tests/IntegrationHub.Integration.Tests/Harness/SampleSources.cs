using System.Data.Common;
using System.Text.Json.Nodes;
using IntegrationHub.Samples;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>
/// The two sample departments' source databases for one test — SQLite files (embedded stack) or a PostgreSQL database of
/// their own (production stack) — and connector definitions pointing at them, with the bundled mapping files.
/// </summary>
public sealed class SampleSources : IAsyncDisposable
{
    public const int Seed = 4242;

    private readonly HubStack _stack;
    private readonly string _postgres;

    private SampleSources(HubStack stack, string directory, string postgres)
    {
        _stack = stack;
        Directory = directory;
        _postgres = postgres;
    }

    /// <summary>Holds the connector definitions (and, for SQLite, the source files).</summary>
    public string Directory { get; }

    public string ConnectorsDirectory => Path.Combine(Directory, "connectors");

    /// <summary>The PostgreSQL database of the sources (production stack); null for SQLite files.</summary>
    public string? PostgresConnectionString => _stack == HubStack.Production ? _postgres : null;

    /// <summary>What was generated, when kept: the ground truth the tests compare the store with.</summary>
    public List<(SampleDepartment Department, SampleRow Row)> Rows { get; } = [];

    private readonly HashSet<string> _validCases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _validRows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _defectiveRows = new(StringComparer.Ordinal);

    public int DefectiveRows { get; private set; }

    public int DefectiveRowsOf(SampleDepartment department) => _defectiveRows.GetValueOrDefault(department.Id);

    /// <summary>Valid rows of one department: the source links expected for its connector.</summary>
    public int ValidRowsOf(SampleDepartment department) => _validRows.GetValueOrDefault(department.Id);

    /// <summary>Distinct real-world cases among the valid rows: the number of golden records expected.</summary>
    public int DistinctValidCases => _validCases.Count;

    public static async Task<SampleSources> CreateAsync(HubStack stack, int casesPerDepartment, bool keepRows = true)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("hub-sources-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "connectors"));
        var postgres = stack == HubStack.Production ? await TestServices.CreateDatabaseAsync("hubsrc") : "";
        var sources = new SampleSources(stack, directory, postgres);
        var generated = new SampleGenerator(Seed).Generate(casesPerDepartment);
        foreach (var department in SampleDepartment.All)
        {
            await using var connection = sources.Open(department);
            await connection.OpenAsync();
            await SampleSourceWriter.CreateAsync(connection, department, CancellationToken.None);
        }

        // Rows arrive interleaved; write them per department in chunks so memory stays flat for large sources.
        foreach (var chunk in generated.Chunk(10_000))
        {
            if (keepRows)
                sources.Rows.AddRange(chunk);
            foreach (var (department, row) in chunk)
            {
                if (row.Truth.Defect is not null)
                {
                    sources.DefectiveRows++;
                    sources._defectiveRows[department.Id] = sources._defectiveRows.GetValueOrDefault(department.Id) + 1;
                    continue;
                }

                sources._validCases.Add(row.Truth.CaseIdentity);
                sources._validRows[department.Id] = sources._validRows.GetValueOrDefault(department.Id) + 1;
            }

            foreach (var group in chunk.GroupBy(r => r.Department))
            {
                await using var connection = sources.Open(group.Key);
                await connection.OpenAsync();
                await SampleSourceWriter.InsertAsync(connection, group.Key, group.Select(g => g.Row), CancellationToken.None);
            }
        }

        SampleConnectors.Write(RepositoryPaths.Connectors, sources.ConnectorsDirectory, stack == HubStack.Production ? "postgres" : "sqlite",
            department => stack == HubStack.Production ? postgres : $"Data Source={Path.Combine(directory, department.Id + ".db")}");
        return sources;
    }

    /// <summary>
    /// Breaks the department's mapping file: the code of 行政检查 ("JC") leaves its category code list, so the next run
    /// quarantines its inspections with <c>mapping.code-unknown</c>. Returns the fix: the code back, the mapping version raised.
    /// </summary>
    public async Task<Func<Task>> BreakCategoryMappingAsync(SampleDepartment department)
    {
        var mappingFile = Path.Combine(ConnectorsDirectory, $"{department.Id}.mapping.json");
        var fixedMapping = JsonNode.Parse(await File.ReadAllTextAsync(mappingFile))!.AsObject();
        var broken = fixedMapping.DeepClone().AsObject();
        broken["codeLists"]!["category"]!["map"]!.AsObject().Remove("JC");
        await File.WriteAllTextAsync(mappingFile, broken.ToJsonString());
        return async () =>
        {
            fixedMapping["version"] = fixedMapping["version"]!.GetValue<int>() + 1;
            await File.WriteAllTextAsync(mappingFile, fixedMapping.ToJsonString());
        };
    }

    public DbConnection Open(SampleDepartment department) => _stack == HubStack.Production
        ? new NpgsqlConnection(_postgres)
        : new SqliteConnection($"Data Source={Path.Combine(Directory, department.Id + ".db")};Pooling=False");

    public async Task<IReadOnlyList<string>> ChangeAsync(SampleDepartment department, int count, int seed)
    {
        await using var connection = Open(department);
        await connection.OpenAsync();
        return await SampleSourceWriter.ChangeAsync(connection, department, count, seed, DateTimeOffset.UtcNow.AddYears(5), CancellationToken.None);
    }

    /// <summary>
    /// The department's connector definition as the API takes it: under another id, with its mapping inline (a test
    /// then registers it through <c>POST /api/v1/connectors</c> and may change it first).
    /// </summary>
    public JsonObject DefinitionFor(SampleDepartment department, string id)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(ConnectorsDirectory, $"{department.Id}.connector.json")))!.AsObject();
        definition["id"] = id;
        definition["mapping"] = JsonNode.Parse(File.ReadAllText(Path.Combine(ConnectorsDirectory, definition["mapping"]!.GetValue<string>())));
        return definition;
    }

    public async Task<long> CountAsync(SampleDepartment department)
    {
        await using var connection = Open(department);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{department.Table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (_stack == HubStack.Production)
            await TestServices.DropDatabaseAsync(_postgres);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a closing connection; the temp folder is cleaned by the OS.
        }
    }
}
