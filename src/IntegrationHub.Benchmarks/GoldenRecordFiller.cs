using System.Globalization;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Samples;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// Writes the generated province's cases (<see cref="GeneratedProvince"/>) straight into the store's golden record table,
/// not through the pipeline.
/// </summary>
internal static class GoldenRecordFiller
{
    public static async Task SqliteAsync(string connectionString, int count)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        foreach (var chunk in Rows(count).Chunk(50_000))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO golden_records (id, identity_key, version, content_hash, content, agency_uscc, region_code, category,
                    decided_on, decision_number, created_at, updated_at)
                VALUES ($id, $key, 1, $hash, $content, $uscc, $region, $category, $decided, $number, $at, $at)
                """;
            var parameters = new[] { "$id", "$key", "$hash", "$content", "$uscc", "$region", "$category", "$decided", "$number", "$at" }
                .Select(name => insert.Parameters.Add(name, SqliteType.Text)).ToArray();
            insert.Prepare();
            foreach (var row in chunk)
            {
                object[] values = [row.Id, row.Key, row.Hash, row.Content, row.Uscc, row.Region, row.Category, row.Decided, row.Number, row.At];
                for (var i = 0; i < values.Length; i++)
                    parameters[i].Value = values[i];
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }

    public static async Task PostgresAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY golden_records (id, identity_key, version, content_hash, content, agency_uscc, region_code, category,
                decided_on, decision_number, created_at, updated_at) FROM STDIN (FORMAT BINARY)
            """);
        foreach (var row in Rows(count))
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(row.Id, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Key, NpgsqlDbType.Text);
            await writer.WriteAsync(1, NpgsqlDbType.Integer);
            await writer.WriteAsync(row.Hash, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Content, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Uscc, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Region, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Category, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Decided, NpgsqlDbType.Text);
            await writer.WriteAsync(row.Number, NpgsqlDbType.Text);
            await writer.WriteAsync(row.At, NpgsqlDbType.Bigint);
            await writer.WriteAsync(row.At, NpgsqlDbType.Bigint);
        }

        await writer.CompleteAsync();
    }

    private sealed record Row(string Id, string Key, string Hash, string Content, string Uscc, string Region, string Category,
        string Decided, string Number, long At);

    private static IEnumerable<Row> Rows(int count)
    {
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < count; i++)
        {
            var action = GeneratedProvince.Case(i);
            var id = GeneratedProvince.RecordId(i);
            yield return new Row(id, $"{action.Agency.Uscc}|{action.DecisionNumber}", CanonicalJson.ContentHash(action), CanonicalJson.Serialize(action),
                action.Agency.Uscc!, action.Agency.RegionCode!, action.Category.WireName(), action.Dates.Decided!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                action.DecisionNumber!, at);
        }
    }
}
