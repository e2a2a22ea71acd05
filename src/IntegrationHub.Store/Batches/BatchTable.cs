namespace IntegrationHub.Store.Batches;

/// <summary>
/// A table a batch writes rows to, with the columns it fills and what happens on a key conflict. Both stores write the
/// same statement from it: PostgreSQL from a staging table filled by binary COPY, SQLite from one prepared VALUES
/// command reused for every row.
/// </summary>
internal sealed class BatchTable<T>(string name, string? onConflict, params BatchColumn<T>[] columns)
{
    public string Name { get; } = name;

    public IReadOnlyList<BatchColumn<T>> Columns { get; } = columns;

    /// <summary>The conflict clause of an upsert; null for an append-only table (COPY straight into it).</summary>
    public string? OnConflict { get; } = onConflict;

    public string StagingTable => "stage_" + Name;

    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));

    // "WHERE true" keeps SQLite's parser from reading ON CONFLICT as a join constraint; PostgreSQL ignores it.
    public string InsertFromStaging => $"INSERT INTO {Name} ({ColumnList}) SELECT {ColumnList} FROM {StagingTable} WHERE true {OnConflict}";

    /// <summary>The table as a connection's temporary table (for the small staging tables both stores fill the same way).</summary>
    public string CreateTemporary =>
        $"CREATE TEMP TABLE IF NOT EXISTS {Name} ({string.Join(", ", Columns.Select(c => $"{c.Name} {c.SqlType}"))})";

    public string InsertValues => $"INSERT INTO {Name} ({ColumnList}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"@p{i}"))}) {OnConflict}";
}
