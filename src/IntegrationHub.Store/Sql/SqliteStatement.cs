using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IntegrationHub.Store.Sql;

/// <summary>
/// One SQL statement prepared on an open SQLite connection and run once per row, in the connection's transaction:
/// values are bound straight to SQLite (text as UTF-8 from one reused buffer), with none of the per-parameter objects
/// and per-value copies Microsoft.Data.Sqlite's commands make. For the store's hot row writes (a batch's tables, the
/// assessment rows); everything else goes through commands.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    // Texts up to this size are encoded into the statement's own buffer; a longer one into a rented array returned at once,
    // so that one unusually large value does not stay held by a statement the writer keeps for its connection's life.
    private const int KeptBuffer = 64 * 1024;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _utf8 = new byte[4096];

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            _statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        Parameters = raw.sqlite3_bind_parameter_count(_statement);
    }

    /// <summary>How many parameters the statement has; they are numbered from 0 here (SQLite's first is 1).</summary>
    public int Parameters { get; }

    public void Text(int index, string? value)
    {
        if (value is null)
        {
            Null(index);
            return;
        }

        // SQLite copies the bytes (SQLITE_TRANSIENT): the buffer is free again for the next value.
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (length <= KeptBuffer)
        {
            if (length > _utf8.Length)
                _utf8 = new byte[Math.Min(KeptBuffer, Math.Max(length, _utf8.Length * 2))];
            Check(raw.sqlite3_bind_text(_statement, index + 1, _utf8.AsSpan(0, Encoding.UTF8.GetBytes(value, _utf8))));
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Check(raw.sqlite3_bind_text(_statement, index + 1, rented.AsSpan(0, Encoding.UTF8.GetBytes(value, rented))));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public void Int64(int index, long? value) =>
        Check(value is { } number ? raw.sqlite3_bind_int64(_statement, index + 1, number) : raw.sqlite3_bind_null(_statement, index + 1));

    public void Real(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index + 1, value));

    public void Null(int index) => Check(raw.sqlite3_bind_null(_statement, index + 1));

    /// <summary>
    /// Binds a value of a row given as objects: text, whole numbers and enumerations (as integers), booleans (0/1), reals,
    /// or null. Anything else (decimals, dates, identifiers, bytes) is refused rather than stored in a form a reader would
    /// not expect: the store's rows hold none.
    /// </summary>
    public void Value(int index, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                Null(index);
                break;
            case string text:
                Text(index, text);
                break;
            case long or int or short or byte or sbyte or ushort or uint or Enum:
                Int64(index, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case bool flag:
                Int64(index, flag ? 1 : 0);
                break;
            case double or float when double.IsNaN(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)):
                // SQLite would store NULL for NaN: refused, as Microsoft.Data.Sqlite refuses it.
                throw new ArgumentException($"Parameter {index} is NaN, which SQLite cannot store.", nameof(value));
            case double or float:
                Real(index, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                throw new ArgumentException($"Parameter {index} has a value of type {value.GetType()}, which the store's row statements do not write.", nameof(value));
        }
    }

    /// <summary>Throws unless the connection is inside a transaction: the store's row writes belong to one.</summary>
    public static void RequireTransaction(SqliteConnection connection)
    {
        if (connection.Handle is not { } db || raw.sqlite3_get_autocommit(db) != 0)
            throw new InvalidOperationException("The store's row statements run inside the connection's transaction, and it has none.");
    }

    /// <summary>Runs the statement with the values bound, and makes it ready for the next row.</summary>
    public void Run()
    {
        var rc = raw.sqlite3_step(_statement);
        try
        {
            // The message is the connection's until the next call on it: read before the reset.
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
                SqliteException.ThrowExceptionForRC(rc, _db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _statement.Dispose();
}
