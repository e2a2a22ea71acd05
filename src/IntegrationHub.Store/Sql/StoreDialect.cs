using System.Data.Common;
using Dapper;

namespace IntegrationHub.Store.Sql;

/// <summary>
/// The few places where SQLite and PostgreSQL differ. Everything else — every query of the store — is one SQL text for
/// both, so the two stores behave identically by construction.
/// </summary>
public abstract class StoreDialect
{
    public abstract string Provider { get; }

    /// <summary>The row-lock clause that ends a SELECT where the database has row locks (PostgreSQL), empty where writers are serialized anyway (SQLite).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>Column type of an auto-numbered primary key.</summary>
    public abstract string AutoIncrementKey { get; }

    /// <summary>
    /// Column type of text compared and ordered by code point (record ids whose smallest one is looked up), whatever the
    /// database's default collation.
    /// </summary>
    public virtual string OrdinalText => "TEXT";

    /// <summary>
    /// Inserts many rows in the transaction the way that costs least per row in this database (see
    /// <see cref="MultiRowStatement"/>, which callers use).
    /// </summary>
    internal abstract Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows, string onConflict, CancellationToken ct);

    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>
    /// The process's turn to write, where the database has one writer (SQLite): the process's writers — the batch writer
    /// included — take turns in the order they asked, rather than each retrying a busy lock on its own (SQLite's retries
    /// sleep, and a writer that sleeps loses the lock to one that does not: a delivery cursor's save waited behind the
    /// batch writer for up to 1.4 s). Null where the database orders its writers itself (PostgreSQL's row locks).
    /// </summary>
    private protected virtual Task<IDisposable?> TakeTurnAsync(CancellationToken ct) => Task.FromResult<IDisposable?>(null);

    /// <summary>A background writer's turn (<see cref="BeginBackgroundWriteAsync"/>); the same as any writer's where the database orders its writers itself.</summary>
    private protected virtual Task<IDisposable?> TakeBackgroundTurnAsync(TimeSpan yieldAtMost, CancellationToken ct) => TakeTurnAsync(ct);

    /// <summary>Begins a write transaction on <paramref name="connection"/> in the process's turn; dispose the result after the transaction.</summary>
    public async Task<StoreWrite> BeginWriteAsync(DbConnection connection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await BeginAsync(connection, await TakeTurnAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Begins the write transaction of a background writer — one whose work may wait, such as a projection that catches
    /// up by itself: where the process's writers take turns (SQLite), it lets every waiting writer go first, for at most
    /// <paramref name="yieldAtMost"/>, then takes its turn in order (<see cref="WriterTurns.TakeInBackgroundAsync"/>).
    /// </summary>
    public async Task<StoreWrite> BeginBackgroundWriteAsync(DbConnection connection, TimeSpan yieldAtMost, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await BeginAsync(connection, await TakeBackgroundTurnAsync(yieldAtMost, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    private static async Task<StoreWrite> BeginAsync(DbConnection connection, IDisposable? turn, CancellationToken ct)
    {
        try
        {
            return new StoreWrite(await connection.BeginTransactionAsync(ct).ConfigureAwait(false), turn);
        }
        catch
        {
            turn?.Dispose();
            throw;
        }
    }

    /// <summary>One statement, written in the process's turn; returns the rows it changed.</summary>
    public async Task<int> ExecuteWriteAsync(DbConnection connection, string sql, object? parameters, CancellationToken ct)
    {
        using var turn = await TakeTurnAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>One statement that returns a value (<c>INSERT … RETURNING id</c>), written in the process's turn.</summary>
    public async Task<T?> ExecuteScalarWriteAsync<T>(DbConnection connection, string sql, object? parameters, CancellationToken ct)
    {
        using var turn = await TakeTurnAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>Opens the transactions the batch writer commits sync batches in.</summary>
    internal abstract Batches.IBatchSessions CreateBatchSessions();

    /// <summary>"column is one of the values of a list parameter" whose value is <see cref="ListValue{T}"/>.</summary>
    public abstract string InList(string column, string parameter);

    /// <summary>The value of a list parameter that <see cref="InList"/> reads: an array on PostgreSQL, a JSON array on SQLite.</summary>
    public abstract object ListValue<T>(IEnumerable<T> values);

    /// <summary>
    /// Serializes writers of the change log, so that sequence numbers become visible in commit order and a feed reader
    /// never skips a number that commits later.
    /// </summary>
    public abstract Task LockChangeLogAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct);
}
