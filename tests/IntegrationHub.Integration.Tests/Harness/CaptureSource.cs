using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Samples;
using Npgsql;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>
/// A department's PostgreSQL database read by a cdc connector (whatever the hub's own stack): the sample market-regulation
/// table with its generated rows, a connector definition in cdc mode with a slot and publication of its own, and the
/// changes a test makes at the source — each statement its own transaction. Facts carry a marker <c>#n#</c> that a test
/// sets and finds again in what the hub stored. Disposing drops the database and its slots.
/// </summary>
public sealed class CaptureSource : IAsyncDisposable
{
    public const string Facts = "违法事实";
    public const string DecisionNumber = "决定书文号";

    private readonly SampleSources _sources;

    private CaptureSource(SampleSources sources, string connectionString)
    {
        _sources = sources;
        ConnectionString = connectionString;
        Slot = $"hubtest_{Guid.NewGuid():N}"[..32];
    }

    public static SampleDepartment Department => SampleDepartment.MarketRegulation;

    public string ConnectionString { get; }

    /// <summary>The replication slot (and publication) of this source's connector: unique across the test server.</summary>
    public string Slot { get; }

    public string Table => Department.Table;

    public string Key => Department.KeyColumn;

    /// <summary>The keys of the rows the hub stores (valid ones) that have facts to mark; the defective ones go to quarantine.</summary>
    public IReadOnlyList<long> ValidKeys { get; private set; } = [];

    public int Rows { get; private set; }

    public static async Task<CaptureSource> CreateAsync(int casesPerDepartment)
    {
        var sources = await SampleSources.CreateAsync(HubStack.Production, casesPerDepartment);
        var definition = sources.DefinitionFor(Department, "probe");
        var source = new CaptureSource(sources, definition["source"]!["connectionString"]!.GetValue<string>())
        {
            // Valid rows with facts (penalties): a marker appended to NULL facts would leave them NULL, changing nothing.
            ValidKeys = [.. sources.Rows.Where(r => r.Department == Department && r.Row.Truth.Defect is null && r.Row.Values.GetValueOrDefault(Facts) is string { Length: > 0 })
                .Select(r => long.Parse(r.Row.SourceKey, CultureInfo.InvariantCulture)).Order()],
            Rows = sources.Rows.Count(r => r.Department == Department),
        };
        return source;
    }

    /// <summary>
    /// The market-regulation connector in cdc mode, as the API takes it: a continuous schedule, short runs, pages sent at
    /// once, the quiet position stored every second.
    /// </summary>
    public JsonObject Definition(string id, int runSeconds = 5, bool continuous = true)
    {
        var definition = _sources.DefinitionFor(Department, id);
        var source = definition["source"]!.AsObject();
        source.Remove("key");
        source.Remove("watermark");
        source["mode"] = "cdc";
        source["cdc"] = new JsonObject
        {
            ["slot"] = Slot,
            ["publication"] = Slot,
            ["runSeconds"] = runSeconds,
            ["flushMilliseconds"] = 50,
            ["idleCheckpointSeconds"] = 1,
        };
        if (continuous)
            definition["schedule"] = new JsonObject { ["continuous"] = true };
        else
            definition.Remove("schedule");
        return definition;
    }

    /// <summary>Writes the definition as a file of a connectors folder (for a hub process started on that folder).</summary>
    public string WriteConnectorsDirectory(JsonObject definition)
    {
        var directory = Directory.CreateTempSubdirectory("hub-cdc-connectors-").FullName;
        File.WriteAllText(Path.Combine(directory, $"{definition["id"]!.GetValue<string>()}.connector.json"), definition.ToJsonString());
        return directory;
    }

    /// <summary>Sets the marker of a row's facts to <c>#n#</c> (replacing the one before).</summary>
    public Task<int> MarkAsync(long key, int marker) => ExecuteAsync(
        $"UPDATE {Quote(Table)} SET {Quote(Facts)} = regexp_replace({Quote(Facts)}, '#[0-9]+#$', '') || @marker WHERE {Quote(Key)} = @key",
        ("marker", $"#{marker}#"), ("key", key));

    public Task<int> DeleteAsync(long key) => ExecuteAsync($"DELETE FROM {Quote(Table)} WHERE {Quote(Key)} = @key", ("key", key));

    /// <summary>A new case: a copy of a valid row under a new key and a decision number of its own.</summary>
    public Task<int> InsertCopyAsync(long from, long key) => ExecuteAsync($"""
        CREATE TEMP TABLE copied AS SELECT * FROM {Quote(Table)} WHERE {Quote(Key)} = @from;
        UPDATE copied SET {Quote(Key)} = @key, {Quote(DecisionNumber)} = regexp_replace({Quote(DecisionNumber)}, '[0-9]+号$', '') || @key || '号';
        INSERT INTO {Quote(Table)} SELECT * FROM copied;
        DROP TABLE copied;
        """, ("from", from), ("key", key));

    /// <summary>Row key → the marker its facts end with (0: none), for every row of the table now.</summary>
    public async Task<Dictionary<long, int>> MarkersAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {Quote(Key)}, substring({Quote(Facts)} from '#([0-9]+)#$') FROM {Quote(Table)}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var markers = new Dictionary<long, int>();
        while (await reader.ReadAsync())
            markers[reader.GetInt64(0)] = reader.IsDBNull(1) ? 0 : int.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
        return markers;
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return await command.ExecuteScalarAsync() is T result ? result : default;
    }

    /// <summary>The slot as the server shows it; null when it does not exist.</summary>
    public Task<bool?> SlotActiveAsync() =>
        ScalarAsync<bool?>("SELECT active FROM pg_replication_slots WHERE slot_name = @slot", ("slot", Slot));

    public static int MarkerOf(string? facts)
    {
        var match = facts is null ? null : System.Text.RegularExpressions.Regex.Match(facts, "#([0-9]+)#");
        return match is { Success: true } ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public ValueTask DisposeAsync() => _sources.DisposeAsync();
}
