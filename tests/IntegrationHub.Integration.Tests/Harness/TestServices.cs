using System.Net.Http.Headers;
using System.Text;
using MySqlConnector;
using Npgsql;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>
/// The real PostgreSQL, RabbitMQ and MariaDB that deploy/scripts/test.sh starts. A test that needs them fails with a clear message
/// when they are not there: it never passes without having talked to them.
/// </summary>
public static class TestServices
{
    public static string PostgresAdmin => Required("HUB_TEST_POSTGRES");

    /// <summary>MariaDB (MySQL protocol) as the <c>hub</c> user, which may create databases.</summary>
    public static string MySqlAdmin => Required("HUB_TEST_MYSQL");

    public static string RabbitHost => Required("HUB_TEST_RABBITMQ_HOST");

    public static ushort RabbitPort => ushort.Parse(Required("HUB_TEST_RABBITMQ_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static string RabbitUser => Environment.GetEnvironmentVariable("HUB_TEST_RABBITMQ_USER") ?? "guest";

    public static string RabbitPassword => Environment.GetEnvironmentVariable("HUB_TEST_RABBITMQ_PASSWORD") ?? "guest";

    /// <summary>
    /// Creates an empty database of its own for one test and returns its connection string; on the shared server, or on
    /// the server of <paramref name="postgresAdmin"/>.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, string? postgresAdmin = null)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(postgresAdmin ?? PostgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(postgresAdmin ?? PostgresAdmin) { Database = name, Pooling = true }.ToString();
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, on the server it is on.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ToString());
        await connection.OpenAsync();
        await DropReplicationSlotsAsync(connection, name!);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A database with a replication slot (a cdc connector's) cannot be dropped; the server keeps slots across databases.</summary>
    private static async Task DropReplicationSlotsAsync(NpgsqlConnection connection, string database)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var command = new NpgsqlCommand("""
                    SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database = @database AND active_pid IS NOT NULL;
                    SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = @database;
                    """, connection);
                command.Parameters.AddWithValue("database", database);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 40)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Creates an empty MariaDB database of its own for one test and returns its connection string.</summary>
    public static async Task<string> CreateMySqlDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var connection = new MySqlConnection(MySqlAdmin);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
        await command.ExecuteNonQueryAsync();
        return new MySqlConnectionStringBuilder(MySqlAdmin) { Database = name }.ConnectionString;
    }

    public static async Task DropMySqlDatabaseAsync(string connectionString)
    {
        var name = new MySqlConnectionStringBuilder(connectionString).Database;
        MySqlConnection.ClearAllPools();
        await using var connection = new MySqlConnection(MySqlAdmin);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{name}`", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A virtual host of its own per test: MassTransit leaves durable queues bound after a process exits.</summary>
    public static async Task<string> CreateVirtualHostAsync(ServiceEndpoints? at = null)
    {
        var name = $"hubtest-{Guid.NewGuid():N}";
        using var client = ManagementClient(at);
        (await client.PutAsync($"/api/vhosts/{name}", null)).EnsureSuccessStatusCode();
        var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await client.PutAsync($"/api/permissions/{name}/{at?.RabbitUser ?? RabbitUser}", permissions)).EnsureSuccessStatusCode();
        return name;
    }

    /// <summary>
    /// A RabbitMQ user of its own for one hub, allowed on <paramref name="virtualHost"/> only, with a random password:
    /// the secret scan then has a real bus password to look for in the hub's logs (docs/security.md).
    /// </summary>
    public static async Task<(string User, string Password)> CreateUserAsync(string virtualHost, ServiceEndpoints? at = null)
    {
        var user = $"hubtest-{Guid.NewGuid():N}";
        var password = $"rmq-{Guid.NewGuid():N}";
        using var client = ManagementClient(at);
        var body = new StringContent(new System.Text.Json.Nodes.JsonObject { ["password"] = password, ["tags"] = "" }.ToJsonString(), Encoding.UTF8, "application/json");
        (await client.PutAsync($"/api/users/{user}", body)).EnsureSuccessStatusCode();
        var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        (await client.PutAsync($"/api/permissions/{virtualHost}/{user}", permissions)).EnsureSuccessStatusCode();
        return (user, password);
    }

    public static async Task DeleteUserAsync(string user, ServiceEndpoints? at = null)
    {
        using var client = ManagementClient(at);
        await client.DeleteAsync($"/api/users/{user}");
    }

    public static async Task DeleteVirtualHostAsync(string name, ServiceEndpoints? at = null)
    {
        using var client = ManagementClient(at);
        await client.DeleteAsync($"/api/vhosts/{name}");
    }

    /// <summary>A queue as the management API shows it (type, durability, arguments); null when it does not exist.</summary>
    public static async Task<System.Text.Json.Nodes.JsonObject?> GetQueueAsync(string virtualHost, string queue)
    {
        using var client = ManagementClient();
        var response = await client.GetAsync($"/api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static HttpClient ManagementClient(ServiceEndpoints? at = null)
    {
        at ??= ServiceEndpoints.Shared;
        var client = new HttpClient { BaseAddress = new Uri($"http://{at.RabbitHost}:{at.RabbitManagementPort}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{at.RabbitUser}:{at.RabbitPassword}")));
        return client;
    }

    internal static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with `bash deploy/scripts/test.sh`, which starts PostgreSQL, RabbitMQ and MariaDB for them.");
}
