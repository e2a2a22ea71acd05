using Npgsql;

namespace IntegrationHub.Connectors.Sql.Capture;

/// <summary>
/// The table a cdc connector captures, as PostgreSQL's catalog describes it: its schema and name, its columns, its primary
/// key and its replica identity — which columns an update or delete in the log carries to identify the row.
/// </summary>
internal sealed record PostgresTable
{
    public required uint Oid { get; init; }
    public required string Schema { get; init; }
    public required string Name { get; init; }

    /// <summary><c>r</c> table, <c>p</c> partitioned table, <c>v</c> view …</summary>
    public required char Kind { get; init; }

    /// <summary><c>d</c> default (the primary key), <c>f</c> full (every column), <c>i</c> an index, <c>n</c> nothing.</summary>
    public required char ReplicaIdentity { get; init; }

    public required IReadOnlyList<string> Columns { get; init; }
    public required IReadOnlyList<string> PrimaryKey { get; init; }
    public required IReadOnlyList<string> IdentityIndex { get; init; }

    /// <summary>The role may change the table (owner or member of its owner): needed to create a publication over it.</summary>
    public required bool Owned { get; init; }

    public string Quoted => $"{PostgresProvider.AnsiQuote(Schema)}.{PostgresProvider.AnsiQuote(Name)}";

    /// <summary>How a person writes it in SQL (<c>exchange.cases</c>, quoted where needed).</summary>
    public string Display => $"{Ident(Schema)}.{Ident(Name)}";

    /// <summary>The columns a deletion in the log carries; empty when updates and deletes cannot be identified.</summary>
    public IReadOnlyList<string> IdentityColumns => ReplicaIdentity switch
    {
        'f' => Columns,
        'i' => IdentityIndex,
        'd' => PrimaryKey,
        _ => [],
    };

    /// <summary>The order of the initial snapshot, by which an interrupted snapshot resumes; empty: no order (read again from the start).</summary>
    public IReadOnlyList<string> SnapshotKey => PrimaryKey.Count > 0 ? PrimaryKey : IdentityIndex;

    /// <summary>The table named by a connector (<c>cases</c>, <c>exchange.cases</c>; each part as written); null when there is none.</summary>
    public static async Task<PostgresTable?> FindAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        await using var command = new NpgsqlCommand("""
            SELECT c.oid, n.nspname, c.relname, c.relkind, c.relreplident,
                   ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
                   ARRAY(SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                         WHERE i.indrelid = c.oid AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)),
                   ARRAY(SELECT a.attname::text FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                         WHERE i.indrelid = c.oid AND i.indisreplident ORDER BY array_position(i.indkey::int2[], a.attnum)),
                   pg_has_role(current_user, c.relowner, 'USAGE')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = to_regclass(@name)
            """, connection);
        // Each part quoted as the poll mode does, so a name means the same table in both modes.
        command.Parameters.AddWithValue("name", string.Join('.', table.Split('.').Select(PostgresProvider.AnsiQuote)));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            return null;
        return new PostgresTable
        {
            Oid = reader.GetFieldValue<uint>(0),
            Schema = reader.GetString(1),
            Name = reader.GetString(2),
            Kind = reader.GetChar(3),
            ReplicaIdentity = reader.GetChar(4),
            Columns = reader.GetFieldValue<string[]>(5),
            PrimaryKey = reader.GetFieldValue<string[]>(6),
            IdentityIndex = reader.GetFieldValue<string[]>(7),
            Owned = reader.GetBoolean(8),
        };
    }

    private static string Ident(string name) =>
        name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') && name.Length > 0 && !char.IsAsciiDigit(name[0]) ? name : PostgresProvider.AnsiQuote(name);
}
