using System.Globalization;
using IntegrationHub.Integration.Tests.Harness.Secrets;
using IntegrationHub.Store.Sql;
using Npgsql;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>
/// The configuration of one hub under test on one stack, with the resources it owns: a data folder, and on the
/// production stack a PostgreSQL database and a RabbitMQ virtual host of its own. Disposing removes them.
/// </summary>
public sealed class HubSettings : IAsyncDisposable
{
    private readonly string? _database;
    private readonly string? _virtualHost;
    private readonly string? _busUser;

    private HubSettings(HubStack stack, string dataDirectory, string? database, string? virtualHost, string? busUser, Dictionary<string, string?> values)
    {
        Stack = stack;
        DataDirectory = dataDirectory;
        _database = database;
        _virtualHost = virtualHost;
        _busUser = busUser;
        Values = values;
    }

    public HubStack Stack { get; }

    public string DataDirectory { get; }

    public Dictionary<string, string?> Values { get; }

    public static async Task<HubSettings> CreateAsync(HubStack stack, string connectorsDirectory, IDictionary<string, string?>? overrides = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("hub-data-").FullName;
        string? database = null, virtualHost = null, busUser = null;
        var values = new Dictionary<string, string?>
        {
            ["Hub:Urls"] = "http://127.0.0.1:0",
            ["Hub:DataDirectory"] = dataDirectory,
            ["Hub:ConnectorsDirectory"] = connectorsDirectory,
            ["Hub:Samples"] = "false",
            ["Hub:Sync:RunHeartbeatTimeout"] = "00:00:10",
        };
        if (stack == HubStack.Production)
        {
            database = await TestServices.CreateDatabaseAsync("hubstore");
            virtualHost = await TestServices.CreateVirtualHostAsync();
            (busUser, var busPassword) = await TestServices.CreateUserAsync(virtualHost);
            values["Hub:Store:Provider"] = "postgres";
            // The test server trusts loopback and never asks for it; it is there for the secret scan to look for.
            values["Hub:Store:ConnectionString"] = new NpgsqlConnectionStringBuilder(database) { Password = $"pg-{Guid.NewGuid():N}" }.ConnectionString;
            values["Hub:Bus:Transport"] = "rabbitmq";
            values["Hub:Bus:Host"] = TestServices.RabbitHost;
            values["Hub:Bus:Port"] = TestServices.RabbitPort.ToString(CultureInfo.InvariantCulture);
            values["Hub:Bus:VirtualHost"] = virtualHost;
            values["Hub:Bus:Username"] = busUser;
            values["Hub:Bus:Password"] = busPassword;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            values[key] = value;
        foreach (var (key, value) in values.Where(v => IsSecret(v.Key)))
            SecretTranscript.Suite?.RegisterConnectionString(value, $"setting {key}");
        return new HubSettings(stack, dataDirectory, database, virtualHost, busUser, values);
    }

    /// <summary>The store this hub writes to, opened by the test itself to compare it with the source.</summary>
    public StoreDialect OpenStoreDialect() => _database is null
        ? new SqliteDialect($"Data Source={Path.Combine(DataDirectory, "hub.db")}")
        : new PostgresDialect(NpgsqlDataSource.Create(_database));

    /// <summary>Settings whose values are secrets: passwords, secrets, tokens, keys and connection strings.</summary>
    private static bool IsSecret(string key) =>
        key.Split(':')[^1] is var name && new[] { "Password", "Secret", "Token", "ApiKey", "ConnectionString" }.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    public async Task<string> ReadAdminKeyAsync() => (await File.ReadAllTextAsync(Path.Combine(DataDirectory, "admin.key"))).Trim();

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
            await TestServices.DropDatabaseAsync(_database);
        if (_virtualHost is not null)
            await TestServices.DeleteVirtualHostAsync(_virtualHost);
        if (_busUser is not null)
            await TestServices.DeleteUserAsync(_busUser);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }
}
