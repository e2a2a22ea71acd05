using Npgsql;

namespace IntegrationHub.Benchmarks;

internal static class BenchmarkDatabases
{
    /// <summary>A fresh database for one benchmark run, so figures never include earlier data.</summary>
    public static async Task<string> CreateAsync(string adminConnectionString, string prefix)
    {
        var name = $"{prefix}_{DateTime.UtcNow:yyyyMMddHHmmss}_{Random.Shared.Next(1000, 9999)}";
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ToString();
    }

    /// <summary>Removes a database made by <see cref="CreateAsync"/> (a million-record store is gigabytes).</summary>
    public static async Task DropAsync(string adminConnectionString, string databaseConnectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(databaseConnectionString).Database;
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
