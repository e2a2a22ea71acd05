using System.Data.Common;

namespace IntegrationHub.Host.Maintenance;

/// <summary>The row count of every table of a store, and the change log's last sequence: what a backup promises.</summary>
internal static class StoreTables
{
    public static async Task<SortedDictionary<string, long>> CountAsync(DbConnection connection, DbTransaction? transaction, string provider, CancellationToken ct)
    {
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.Transaction = transaction;
            list.CommandText = provider == "sqlite"
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                tables.Add(reader.GetString(0));
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
            counts[table] = await ScalarAsync(connection, transaction, $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", ct).ConfigureAwait(false);
        return counts;
    }

    public static Task<long> ChangeLogSequenceAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct) =>
        ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(seq), 0) FROM change_log", ct);

    /// <summary>Tables whose count differs, as "table: expected → found" lines.</summary>
    public static List<string> Differences(IReadOnlyDictionary<string, long> expected, IReadOnlyDictionary<string, long> found) =>
        [.. expected.Keys.Union(found.Keys).Order(StringComparer.Ordinal)
            .Where(table => expected.GetValueOrDefault(table, -1) != found.GetValueOrDefault(table, -1))
            .Select(table => $"{table}: {Describe(expected, table)} in the backup, {Describe(found, table)} restored")];

    private static string Describe(IReadOnlyDictionary<string, long> counts, string table) =>
        counts.TryGetValue(table, out var count) ? $"{count} rows" : "no table";

    private static async Task<long> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
