namespace IntegrationHub.Store.Batches;

/// <summary>One column of a table a batch writes: its name, its type on the wire, and how a row gives its value.</summary>
internal abstract class BatchColumn<T>(string name)
{
    public string Name { get; } = name;

    /// <summary>Binds the row's value (null for SQL NULL) to parameter <paramref name="index"/> of a SQLite statement.</summary>
    public abstract void Bind(Sql.SqliteStatement statement, int index, T row);

    /// <summary>Its SQL type, the same word on both stores.</summary>
    public abstract string SqlType { get; }
}

internal sealed class TextColumn<T>(string name, Func<T, string?> value) : BatchColumn<T>(name)
{
    public Func<T, string?> Value { get; } = value;

    public override void Bind(Sql.SqliteStatement statement, int index, T row) => statement.Text(index, Value(row));

    public override string SqlType => "TEXT";
}

/// <summary>An INTEGER column on PostgreSQL (int4): binary COPY needs the exact type.</summary>
internal sealed class Int32Column<T>(string name, Func<T, int> value) : BatchColumn<T>(name)
{
    public Func<T, int> Value { get; } = value;

    public override void Bind(Sql.SqliteStatement statement, int index, T row) => statement.Int64(index, Value(row));

    public override string SqlType => "INTEGER";
}

/// <summary>A BIGINT column (int8): instants in Unix milliseconds, positions.</summary>
internal sealed class Int64Column<T>(string name, Func<T, long?> value) : BatchColumn<T>(name)
{
    public Func<T, long?> Value { get; } = value;

    public override void Bind(Sql.SqliteStatement statement, int index, T row) => statement.Int64(index, Value(row));

    public override string SqlType => "BIGINT";
}
