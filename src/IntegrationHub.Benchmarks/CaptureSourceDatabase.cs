using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Samples;
using Npgsql;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// The department database of the cdc benchmark: a PostgreSQL database of its own (the server must run with
/// wal_level = logical) holding the market-regulation table filled with generated rows, the connector definition that
/// reads it in cdc mode, and the changes the benchmark makes at the source. Every change writes a marker <c>#n#</c> at the
/// end of the row's facts, which the subscriber finds again in the event it receives.
/// </summary>
internal sealed class CaptureSourceDatabase(string adminConnectionString, string connectionString, IReadOnlyList<long> validKeys)
{
    public const string ConnectorId = "cdc-bench";
    private static readonly SampleDepartment Department = SampleDepartment.MarketRegulation;

    public string ConnectionString => connectionString;

    /// <summary>The keys of the rows the hub stores (the defective ones go to quarantine, and their changes make no event).</summary>
    public IReadOnlyList<long> ValidKeys => validKeys;

    public static async Task<CaptureSourceDatabase> CreateAsync(string adminConnectionString, int rows, int seed)
    {
        var connectionString = await BenchmarkDatabases.CreateAsync(adminConnectionString, "bench_cdc_source");
        var valid = new List<long>(rows);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await SampleSourceWriter.CreateAsync(connection, Department, CancellationToken.None);
        var generated = new SampleGenerator(seed).Generate(rows).Where(r => r.Department == Department).Select(r => r.Row);
        await SampleSourceWriter.InsertAsync(connection, Department, Tracked(generated, valid), CancellationToken.None);
        await using (var analyze = new NpgsqlCommand($"ANALYZE {Quote(Department.Table)}", connection))
            await analyze.ExecuteNonQueryAsync();
        return new CaptureSourceDatabase(adminConnectionString, connectionString, valid);
    }

    private static IEnumerable<SampleRow> Tracked(IEnumerable<SampleRow> rows, List<long> valid)
    {
        foreach (var row in rows)
        {
            // Rows with facts only: a marker appended to NULL facts would leave them NULL, changing nothing.
            if (row.Truth.Defect is null && row.Values.GetValueOrDefault(Facts) is string { Length: > 0 })
                valid.Add(long.Parse(row.SourceKey, CultureInfo.InvariantCulture));
            yield return row;
        }
    }

    /// <summary>The bundled market-regulation connector pointed at this database in cdc mode, run continuously.</summary>
    public void WriteConnector(string bundledDirectory, string connectorsDirectory)
    {
        Directory.CreateDirectory(connectorsDirectory);
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(bundledDirectory, $"{Department.Id}.connector.json")))!.AsObject();
        definition["id"] = ConnectorId;
        definition["schedule"] = new JsonObject { ["continuous"] = true };
        var source = definition["source"]!.AsObject();
        source["provider"] = "postgres";
        source["connectionString"] = connectionString;
        source.Remove("key");
        source.Remove("watermark");
        source["mode"] = "cdc";
        var mappingFile = definition["mapping"]!.GetValue<string>();
        File.Copy(Path.Combine(bundledDirectory, mappingFile), Path.Combine(connectorsDirectory, mappingFile), overwrite: true);
        File.WriteAllText(Path.Combine(connectorsDirectory, $"{ConnectorId}.connector.json"), definition.ToJsonString());
    }

    /// <summary>
    /// Changes one row per transaction at a steady <paramref name="perSecond"/> for <paramref name="duration"/>, on eight
    /// connections (so that the source's commits, each waiting for its log flush, keep the pace), and returns when each marker was sent (a <see cref="Stopwatch"/> timestamp taken before the statement,
    /// so the source's own commit counts in the latency). Markers start at <paramref name="firstMarker"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, long>> ChangeSteadilyAsync(int perSecond, TimeSpan duration, long firstMarker, int seed)
    {
        const int Writers = 8;
        var total = (long)(perSecond * duration.TotalSeconds);
        var sent = new ConcurrentDictionary<long, long>();
        var start = Stopwatch.GetTimestamp();
        var next = -1L;
        var behind = 0L;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async writer =>
        {
            var random = new Random(seed + writer);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = MarkCommand(connection);
            await command.PrepareAsync();
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= total)
                    return;
                // The i-th change is due at start + i / rate: the writers keep the pace, they do not burst.
                var due = start + (long)(i * (double)Stopwatch.Frequency / perSecond);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait);
                else if (wait < TimeSpan.FromMilliseconds(-100))
                    Interlocked.Increment(ref behind);
                var marker = firstMarker + i;
                command.Parameters[0].Value = $"#{marker}#";
                command.Parameters[1].Value = validKeys[random.Next(validKeys.Count)];
                var at = Stopwatch.GetTimestamp();
                await command.ExecuteNonQueryAsync();
                sent[marker] = at;
            }
        }));
        if (behind > 0)
            Console.WriteLine($"  (the source writers fell more than 100 ms behind the pace for {behind:N0} of {total:N0} changes)");
        return sent;
    }

    /// <summary>
    /// <paramref name="count"/> changes of distinct rows, one transaction each, as fast as four connections go (with
    /// synchronous_commit off: the source's disk is not what is measured). Markers start at <paramref name="firstMarker"/>.
    /// </summary>
    public async Task ChangeInSmallTransactionsAsync(int count, long firstMarker)
    {
        const int Writers = 4;
        var next = -1L;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using (var setting = new NpgsqlCommand("SET synchronous_commit = off", connection))
                await setting.ExecuteNonQueryAsync();
            await using var command = MarkCommand(connection);
            await command.PrepareAsync();
            while (Interlocked.Increment(ref next) is var i && i < count)
            {
                command.Parameters[0].Value = $"#{firstMarker + i}#";
                command.Parameters[1].Value = validKeys[(int)(i % validKeys.Count)];
                await command.ExecuteNonQueryAsync();
            }
        }));
    }

    /// <summary>One UPDATE of <paramref name="count"/> distinct rows: one source transaction with that many changes.</summary>
    public async Task ChangeInOneTransactionAsync(int count, long marker)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"UPDATE {Quote(Department.Table)} SET {Quote(Facts)} = regexp_replace({Quote(Facts)}, '#[0-9]+#$', '') || @marker WHERE {Quote(Department.KeyColumn)} = ANY(@keys)", connection)
        {
            CommandTimeout = 0,
        };
        command.Parameters.AddWithValue("marker", $"#{marker}#");
        command.Parameters.AddWithValue("keys", validKeys.Take(count).ToArray());
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The log the replication slot keeps, for the record.</summary>
    public async Task<string> SlotAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT slot_name || ': retained ' || pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) || ', lag ' || " +
            "pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)) FROM pg_replication_slots WHERE database = current_database()", connection);
        return (await command.ExecuteScalarAsync()) as string ?? "no slot";
    }

    /// <summary>Drops the slot and the database.</summary>
    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var command = new NpgsqlCommand("""
                    SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database = @database AND active_pid IS NOT NULL;
                    SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = @database;
                    """, connection);
                command.Parameters.AddWithValue("database", database!);
                await command.ExecuteNonQueryAsync();
                break;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 40)
            {
                await Task.Delay(250);
            }
        }

        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private const string Facts = "违法事实";

    private static NpgsqlCommand MarkCommand(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(
            $"UPDATE {Quote(Department.Table)} SET {Quote(Facts)} = regexp_replace({Quote(Facts)}, '#[0-9]+#$', '') || @marker WHERE {Quote(Department.KeyColumn)} = @key", connection);
        command.Parameters.Add(new NpgsqlParameter<string>("marker", ""));
        command.Parameters.Add(new NpgsqlParameter<long>("key", 0L));
        return command;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
