using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// What the machine allows for the same rows: the normalized rows the pipeline stored (source_records) are read back
/// page by page and written, timed, into a bare table of the same columns — binary COPY on PostgreSQL, prepared inserts
/// 10,000 a transaction on SQLite (in a file of its own, with the store's settings). Reading them back is not timed.
/// </summary>
internal static class StoreWriteLimit
{
    private const int Page = 10_000;

    private const string Columns =
        "connector_id, source_key, record_id, priority, content_hash, content, raw, source_version, mapping_version, warnings, read_at, received_at";

    public static async Task<(long Rows, TimeSpan Elapsed)> PostgresAsync(string storeConnectionString)
    {
        await using var connection = new NpgsqlConnection(storeConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync($"DROP TABLE IF EXISTS bench_limit; CREATE TABLE bench_limit AS SELECT {Columns} FROM source_records WITH NO DATA;");
        await using var reader = new NpgsqlConnection(storeConnectionString);
        await reader.OpenAsync();
        var watch = new Stopwatch();
        long rows = 0;
        await foreach (var page in PagesAsync(reader))
        {
            watch.Start();
            await using (var copy = await connection.BeginBinaryImportAsync($"COPY bench_limit ({Columns}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var r in page)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(r.ConnectorId, NpgsqlDbType.Text);
                    await copy.WriteAsync(r.SourceKey, NpgsqlDbType.Text);
                    await copy.WriteAsync(r.RecordId, NpgsqlDbType.Text);
                    await copy.WriteAsync((int)r.Priority, NpgsqlDbType.Integer);
                    await copy.WriteAsync(r.ContentHash, NpgsqlDbType.Text);
                    await copy.WriteAsync(r.Content, NpgsqlDbType.Text);
                    await copy.WriteAsync(r.Raw, NpgsqlDbType.Text);
                    await WriteNullableAsync(copy, r.SourceVersion);
                    await copy.WriteAsync((int)r.MappingVersion, NpgsqlDbType.Integer);
                    await WriteNullableAsync(copy, r.Warnings);
                    await copy.WriteAsync(r.ReadAt, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(r.ReceivedAt, NpgsqlDbType.Bigint);
                }

                await copy.CompleteAsync();
            }

            watch.Stop();
            rows += page.Count;
        }

        await connection.ExecuteAsync("DROP TABLE bench_limit");
        return (rows, watch.Elapsed);
    }

    public static async Task<(long Rows, TimeSpan Elapsed)> SqliteAsync(string storeConnectionString, string limitFile)
    {
        await using var target = new SqliteConnection($"Data Source={limitFile}");
        await target.OpenAsync();
        await target.ExecuteAsync(
            """
            PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
            CREATE TABLE bench_limit (connector_id TEXT, source_key TEXT, record_id TEXT, priority INTEGER, content_hash TEXT, content TEXT,
                raw TEXT, source_version TEXT, mapping_version INTEGER, warnings TEXT, read_at BIGINT, received_at BIGINT);
            """);
        await using var reader = new SqliteConnection(storeConnectionString);
        await reader.OpenAsync();
        await using var insert = target.CreateCommand();
        insert.CommandText = $"INSERT INTO bench_limit ({Columns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)";
        for (var i = 0; i < 12; i++)
            insert.Parameters.Add(new SqliteParameter($"@p{i}", null));
        var watch = new Stopwatch();
        long rows = 0;
        await foreach (var page in PagesAsync(reader))
        {
            watch.Start();
            await using (var tx = (SqliteTransaction)await target.BeginTransactionAsync())
            {
                insert.Transaction = tx;
                foreach (var r in page)
                {
                    object?[] values = [r.ConnectorId, r.SourceKey, r.RecordId, r.Priority, r.ContentHash, r.Content, r.Raw, r.SourceVersion, r.MappingVersion, r.Warnings, r.ReadAt, r.ReceivedAt];
                    for (var i = 0; i < values.Length; i++)
                        insert.Parameters[i].Value = values[i] ?? DBNull.Value;
                    insert.ExecuteNonQuery();
                }

                await tx.CommitAsync();
            }

            watch.Stop();
            rows += page.Count;
        }

        return (rows, watch.Elapsed);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, NpgsqlDbType.Text);

    private static async IAsyncEnumerable<List<StoredRow>> PagesAsync(DbConnection connection)
    {
        (string Connector, string Key)? after = null;
        while (true)
        {
            var page = (await connection.QueryAsync<StoredRow>(
                $"""
                SELECT connector_id AS ConnectorId, source_key AS SourceKey, record_id AS RecordId, priority AS Priority, content_hash AS ContentHash,
                       content AS Content, raw AS Raw, source_version AS SourceVersion, mapping_version AS MappingVersion, warnings AS Warnings,
                       read_at AS ReadAt, received_at AS ReceivedAt
                FROM source_records
                {(after is null ? "" : "WHERE connector_id > @connector OR (connector_id = @connector AND source_key > @key)")}
                ORDER BY connector_id, source_key LIMIT {Page}
                """, new { connector = after?.Connector, key = after?.Key })).ToList();
            if (page.Count == 0)
                yield break;
            yield return page;
            after = (page[^1].ConnectorId, page[^1].SourceKey);
        }
    }

    private sealed record StoredRow
    {
        public string ConnectorId { get; init; } = "";
        public string SourceKey { get; init; } = "";
        public string RecordId { get; init; } = "";
        public long Priority { get; init; }
        public string ContentHash { get; init; } = "";
        public string Content { get; init; } = "";
        public string Raw { get; init; } = "";
        public string? SourceVersion { get; init; }
        public long MappingVersion { get; init; }
        public string? Warnings { get; init; }
        public long ReadAt { get; init; }
        public long ReceivedAt { get; init; }
    }
}
