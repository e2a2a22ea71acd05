using System.Data.Common;

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

    /// <summary>How many rows one multi-row INSERT carries: what costs least per row in this database.</summary>
    public abstract int RowsPerInsert(int columns);

    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

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
