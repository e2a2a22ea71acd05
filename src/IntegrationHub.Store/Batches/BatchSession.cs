using System.Data.Common;

namespace IntegrationHub.Store.Batches;

/// <summary>
/// One batch's transaction on one store. Rows go in as sets: SQLite writes them at once through prepared statements;
/// PostgreSQL copies them (binary COPY) into staging tables and runs every statement of the batch in one round trip at
/// <see cref="FlushAsync"/>. The batch committer describes the work once; the session decides how it travels.
/// </summary>
internal abstract class BatchSession : IAsyncDisposable
{
    public abstract DbConnection Connection { get; }

    public abstract DbTransaction Transaction { get; }

    /// <summary>Appended to the reads of the run and of golden records: a row lock where the store has them.</summary>
    public abstract string LockClause { get; }

    /// <summary>Writes rows into a table: appended, or upserted by the table's conflict rule.</summary>
    public abstract Task WriteAsync<T>(BatchTable<T> table, IReadOnlyList<T> rows, CancellationToken ct);

    /// <summary>Runs a statement of the batch, now or at the next flush, in the order given.</summary>
    public abstract Task ExecuteAsync(string sql, object parameters, CancellationToken ct);

    /// <summary>Makes every statement given so far take effect.</summary>
    public abstract Task FlushAsync(object parameters, CancellationToken ct);

    /// <summary>The statement that serializes change-log writers (sequence numbers become visible in commit order).</summary>
    public abstract string ChangeLogLock { get; }

    public virtual Task CommitAsync(CancellationToken ct) => Transaction.CommitAsync(ct);

    public abstract ValueTask DisposeAsync();
}
