using System.Data;
using System.Data.Common;
using System.Globalization;
using IntegrationHub.Canonical.Calendar;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Samples;

/// <summary>
/// Creates, fills and changes a sample department's source table. Works on SQLite and PostgreSQL: identifiers are
/// quoted, parameters are named <c>@p…</c>, and the only difference is the integer type (INTEGER on SQLite, so the
/// key is the rowid; BIGINT on PostgreSQL) and the rows per INSERT statement.
/// </summary>
public static class SampleSourceWriter
{
    /// <summary>Rows committed per transaction.</summary>
    public const int RowsPerTransaction = 5_000;

    public static async Task CreateAsync(DbConnection connection, SampleDepartment department, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(department);
        await OpenAsync(connection, ct).ConfigureAwait(false);
        var sqlite = connection is SqliteConnection;

        var columns = department.Columns.Select(c =>
        {
            var type = c.Type switch
            {
                SampleColumnType.Integer => sqlite ? "INTEGER" : "BIGINT",
                SampleColumnType.Decimal => "NUMERIC",
                _ => "TEXT",
            };
            return c.Name == department.KeyColumn ? $"{Quote(c.Name)} {type} NOT NULL PRIMARY KEY" : $"{Quote(c.Name)} {type}";
        });
        var indexName = Quote("ix_" + department.Id.Replace('-', '_') + "_watermark");

        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE IF NOT EXISTS {Quote(department.Table)} ({string.Join(", ", columns)})";
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        command.CommandText =
            $"CREATE INDEX IF NOT EXISTS {indexName} ON {Quote(department.Table)} ({Quote(department.WatermarkColumn)}, {Quote(department.KeyColumn)})";
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Inserts the rows with one prepared statement, committing every <see cref="RowsPerTransaction"/> rows.
    /// Returns the number of rows inserted. The rows are consumed as a stream.
    /// </summary>
    public static async Task<long> InsertAsync(DbConnection connection, SampleDepartment department, IEnumerable<SampleRow> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(department);
        ArgumentNullException.ThrowIfNull(rows);
        await OpenAsync(connection, ct).ConfigureAwait(false);

        await using var inserter = new SampleRowInserter(connection, department);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            await inserter.AddAsync(row, ct).ConfigureAwait(false);
        }

        await inserter.CompleteAsync(ct).ConfigureAwait(false);
        return inserter.Inserted;
    }

    /// <summary>
    /// Changes <paramref name="count"/> distinct valid (non-defective) penalty rows so that their canonical content
    /// changes: the facts get a correction note and the fine (where there is one) rises by 100 元. Their watermark
    /// becomes <paramref name="now"/> (in China time). The rows are chosen at random by <paramref name="seed"/>
    /// among the valid penalty rows; returns their source keys.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ChangeAsync(
        DbConnection connection, SampleDepartment department, int count, int seed, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(department);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        await OpenAsync(connection, ct).ConfigureAwait(false);
        var shape = SampleDepartmentShape.For(department);

        var read = new[] { department.KeyColumn, shape.FactsColumn, shape.FineColumn }.Concat(shape.CheckedColumns).Distinct().ToList();
        var candidates = new List<(object Key, string? Facts, object? Fine)>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText =
                $"SELECT {string.Join(", ", read.Select(Quote))} FROM {Quote(department.Table)} " +
                $"WHERE {Quote(shape.CategoryColumn)} = @category ORDER BY {Quote(department.KeyColumn)}";
            AddParameter(select, "@category", DbType.String, shape.PenaltyCategory);
            await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var values = new Dictionary<string, object?>(read.Count, StringComparer.Ordinal);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                for (var i = 0; i < read.Count; i++)
                {
                    values[read[i]] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                if (shape.IsValid(values))
                {
                    candidates.Add((values[department.KeyColumn]!, values[shape.FactsColumn] as string, values[shape.FineColumn]));
                }
            }
        }

        if (count > candidates.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count), count, $"Only {candidates.Count} valid penalty rows in {department.Table} can be changed.");
        }

        // Partial Fisher–Yates: the first `count` entries become a random sample.
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, candidates.Count);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }

        var keyType = department.Columns.Single(c => c.Name == department.KeyColumn).Type == SampleColumnType.Integer ? DbType.Int64 : DbType.String;
        var watermark = shape.Watermark(now);
        var note = $"（{now.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}经复核更正）";
        var changed = new List<string>(count);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText =
            $"UPDATE {Quote(department.Table)} SET {Quote(shape.FactsColumn)} = @facts, " +
            $"{Quote(shape.FineColumn)} = COALESCE(@fine, {Quote(shape.FineColumn)}), {Quote(department.WatermarkColumn)} = @watermark " +
            $"WHERE {Quote(department.KeyColumn)} = @key";
        var facts = AddParameter(update, "@facts", DbType.String, null);
        var fine = AddParameter(update, "@fine", DbType.String, null);
        AddParameter(update, "@watermark", DbType.String, watermark);
        var key = AddParameter(update, "@key", keyType, null);
        await update.PrepareAsync(ct).ConfigureAwait(false);
        foreach (var candidate in candidates.Take(count))
        {
            facts.Value = (candidate.Facts ?? "") + note;
            fine.Value = (object?)shape.ChangedFine(candidate.Fine) ?? DBNull.Value;
            object keyValue = keyType == DbType.Int64
                ? Convert.ToInt64(candidate.Key, CultureInfo.InvariantCulture)
                : Convert.ToString(candidate.Key, CultureInfo.InvariantCulture) ?? "";
            key.Value = keyValue;
            var affected = await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            if (affected != 1)
            {
                throw new InvalidOperationException($"Updating {department.Table} row {candidate.Key} changed {affected} rows.");
            }

            changed.Add(shape.SourceKey(keyValue));
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return changed;
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task OpenAsync(DbConnection connection, CancellationToken ct)
    {
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
        }
    }

    private static DbParameter AddParameter(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
