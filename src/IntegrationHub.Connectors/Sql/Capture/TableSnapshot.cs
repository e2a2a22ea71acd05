using System.Globalization;
using System.Runtime.CompilerServices;
using Npgsql;

namespace IntegrationHub.Connectors.Sql.Capture;

/// <summary>
/// Reads a whole table as pages, in the order of its key, with one query that streams (memory holds one page): the
/// initial snapshot of change capture, in the transaction that holds the snapshot, or a sample for check and preview.
/// Each page comes with the key of its last row, from which an interrupted snapshot goes on.
/// </summary>
internal static class TableSnapshot
{
    public static async IAsyncEnumerable<(IReadOnlyList<SourceRecord> Records, IReadOnlyList<object>? LastKey)> PagesAsync(
        NpgsqlConnection connection, PostgresTable table, IReadOnlyList<object>? after, int pageSize, IReadOnlySet<string> excluded, int commandTimeoutSeconds,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var key = table.SnapshotKey;
        var columns = string.Join(", ", key.Select(PostgresProvider.AnsiQuote));
        await using var command = new NpgsqlCommand { Connection = connection, CommandTimeout = commandTimeoutSeconds };
        var where = "";
        if (after is { Count: > 0 } && after.Count == key.Count)
        {
            // A row comparison: the index on the key serves it, and it resumes right after the last row stored.
            where = $" WHERE ({columns}) > ({string.Join(", ", after.Select((_, i) => $"@k{i}"))})";
            for (var i = 0; i < after.Count; i++)
                command.Parameters.AddWithValue($"k{i}", after[i]);
        }

        command.CommandText = $"SELECT * FROM {table.Quoted}{where}{(key.Count > 0 ? $" ORDER BY {columns}" : "")}";
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var ordinals = key.Select(reader.GetOrdinal).ToArray();
        var page = new List<SourceRecord>(Math.Min(pageSize, 1024));
        object[]? last = null;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            last = [.. ordinals.Select(reader.GetValue)];
            var origin = key.Count == 0
                ? $"table {table.Display} snapshot"
                : string.Create(CultureInfo.InvariantCulture, $"table {table.Display} snapshot row {string.Join(", ", key.Select((k, i) => $"{k}={last[i]}"))}");
            page.Add(new SourceRecord(RowReader.Read(reader, excluded), Origin: origin));
            if (page.Count >= pageSize)
            {
                yield return (page, key.Count > 0 ? last : null);
                page = new List<SourceRecord>(Math.Min(pageSize, 1024));
            }
        }

        if (page.Count > 0)
            yield return (page, key.Count > 0 ? last : null);
    }
}
