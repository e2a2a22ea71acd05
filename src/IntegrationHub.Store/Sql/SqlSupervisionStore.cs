using System.Data.Common;
using Dapper;

namespace IntegrationHub.Store.Sql;

/// <summary>
/// The supervision store over SQL. One implementation for SQLite and PostgreSQL: the dialect supplies connections and the
/// few statements that differ. Partial files group it by concern (runs, batches, queries, keys).
/// </summary>
public sealed partial class SqlSupervisionStore(StoreDialect dialect, TimeProvider clock) : ISupervisionStore
{
    public string Provider => dialect.Provider;

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)", cancellationToken: ct)).ConfigureAwait(false);
        var steps = Migrations.All(dialect)
            .Select(m => (m.Version, Apply: (Func<DbConnection, DbTransaction, CancellationToken, Task>)((c, t, token) =>
                c.ExecuteAsync(new CommandDefinition(m.Sql, transaction: t, cancellationToken: token)))))
            .Concat(DataMigrations.All)
            .OrderBy(m => m.Version);
        foreach (var (version, apply) in steps)
        {
            await using var write = await dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
            var tx = write.Transaction;
            await dialect.LockChangeLogAsync(connection, tx, ct).ConfigureAwait(false);
            var applied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @version", new { version }, tx, cancellationToken: ct)).ConfigureAwait(false);
            if (applied > 0)
                continue;
            await apply(connection, tx, ct).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @now)", new { version, now = Now }, tx, cancellationToken: ct)).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
    }

    public async Task<bool> PingAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: ct)).ConfigureAwait(false) == 1;
        }
        catch (DbException)
        {
            return false;
        }
    }

    private Task<DbConnection> OpenAsync(CancellationToken ct) => dialect.OpenAsync(ct);

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static DateTimeOffset? At(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
