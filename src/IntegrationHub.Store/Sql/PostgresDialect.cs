using System.Data.Common;
using Npgsql;

namespace IntegrationHub.Store.Sql;

/// <summary>The production store: PostgreSQL through one pooled Npgsql data source.</summary>
public sealed class PostgresDialect(NpgsqlDataSource dataSource) : StoreDialect
{
    /// <summary>The advisory lock that serializes change-log writers (also taken by the batch writer's sessions).</summary>
    internal const long ChangeLogLock = 0x4855_4243_4C4F_47; // "HUBCLOG"

    public override string Provider => "postgres";

    public override string ForUpdate => " FOR UPDATE";

    public override string AutoIncrementKey => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    public override string OrdinalText => "TEXT COLLATE \"C\"";

    // Round trips cost most: as many rows a statement as about 30,000 parameters allow (the limit is 65,535), at most 1,000.
    internal override Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows, string onConflict, CancellationToken ct) =>
        MultiRowStatement.CommandsAsync(connection, transaction, table, columns, rows, onConflict, Math.Clamp(30_000 / columns.Count, 1, 1_000), ct);

    public override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public override object ListValue<T>(IEnumerable<T> values) => values.ToArray();

    internal override Batches.IBatchSessions CreateBatchSessions() => new Batches.PostgresBatchSessions(dataSource);

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) =>
        await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);

    public override async Task LockChangeLogAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({ChangeLogLock})";
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
