using System.Data.Common;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Connectors.Sql;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Mapping.Definition;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;

namespace IntegrationHub.Integration.Tests.Connectors.Sql;

/// <summary>
/// A source database of its own for one test, on a real server: a PostgreSQL or MariaDB database created for the test
/// (dropped afterwards), or a SQLite file in a temp folder. Tests write their tables with plain SQL that all three accept.
/// </summary>
public sealed class SqlSourceDatabase : IAsyncDisposable
{
    private readonly string? _directory;

    private SqlSourceDatabase(string provider, string connectionString, string? directory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
    }

    public static TheoryData<string> Providers => ["postgres", "mariadb", "sqlite"];

    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The provider's type for a timestamp with microseconds.</summary>
    public string TimestampType => Provider switch
    {
        "postgres" => "timestamp(6)",
        "mariadb" => "DATETIME(6)",
        _ => "TEXT",
    };

    public static async Task<SqlSourceDatabase> CreateAsync(string provider) => provider switch
    {
        "postgres" => new SqlSourceDatabase(provider, await TestServices.CreateDatabaseAsync("sqlsrc"), null),
        "mariadb" => new SqlSourceDatabase(provider, await TestServices.CreateMySqlDatabaseAsync("sqlsrc"), null),
        "sqlite" => CreateSqlite(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    private static SqlSourceDatabase CreateSqlite()
    {
        var directory = Directory.CreateTempSubdirectory("hub-sqlsrc-").FullName;
        return new SqlSourceDatabase("sqlite", $"Data Source={Path.Combine(directory, "source.db")};Pooling=False", directory);
    }

    public DbConnection Open() => Provider switch
    {
        "postgres" => new NpgsqlConnection(ConnectionString),
        "mariadb" => new MySqlConnection(ConnectionString),
        _ => new SqliteConnection(ConnectionString),
    };

    /// <summary>Runs each statement in order.</summary>
    public async Task ExecuteAsync(params string[] statements)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A connector on this database: <paramref name="source"/> plus provider and connection string.</summary>
    public ConnectorDefinition Connector(JsonObject source, string id = "sql-test")
    {
        source["provider"] = Provider;
        source["connectionString"] = ConnectionString;
        return Definition(source, id);
    }

    public static ConnectorDefinition Definition(JsonObject source, string id = "sql-test") => new()
    {
        Id = id,
        Name = id,
        Kind = "sql",
        Source = source,
        Mapping = new MappingDefinition { Version = 1, SourceKey = ["id"], Fields = [] },
    };

    /// <summary>Every page of a read from <paramref name="checkpoint"/>.</summary>
    public static async Task<List<SourcePage>> ReadAllAsync(ConnectorDefinition connector, string? checkpoint = null)
    {
        var pages = new List<SourcePage>();
        await foreach (var page in new SqlSourceConnector().ReadAsync(connector, checkpoint, Context, CancellationToken.None))
            pages.Add(page);
        return pages;
    }

    public static ConnectorContext Context { get; } = new(Path.GetTempPath()) { CheckTimeout = TimeSpan.FromSeconds(20) };

    public async ValueTask DisposeAsync()
    {
        switch (Provider)
        {
            case "postgres":
                await TestServices.DropDatabaseAsync(ConnectionString);
                break;
            case "mariadb":
                await TestServices.DropMySqlDatabaseAsync(ConnectionString);
                break;
            default:
                SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(_directory!, recursive: true);
                }
                catch (IOException)
                {
                    // A temp folder: best effort.
                }

                break;
        }
    }
}
