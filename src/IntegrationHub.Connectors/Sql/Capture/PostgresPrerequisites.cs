using System.Globalization;
using Npgsql;

namespace IntegrationHub.Connectors.Sql.Capture;

/// <summary>
/// What PostgreSQL needs for change capture, checked one by one with a message that says what to change: version 14 or
/// later, <c>wal_level = logical</c>, free replication slots and WAL senders, a role with the REPLICATION attribute, a
/// table whose updates and deletes identify their row (a primary key or REPLICA IDENTITY FULL) by the mapping's key,
/// the publication, and a slot that is the hub's and alive.
/// </summary>
internal static class PostgresPrerequisites
{
    public const int MinimumVersion = 140000;

    public static async Task<IReadOnlyList<string>> CheckAsync(NpgsqlConnection connection, CaptureRead read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(read);
        var server = await ServerAsync(connection, ct).ConfigureAwait(false);
        var problems = new List<string>();
        if (server.Version < MinimumVersion)
            problems.Add($"PostgreSQL {server.VersionText} is too old for change capture: it needs 14 or later (logical replication with binary values). Upgrade the server, or use mode poll.");
        if (server.WalLevel != "logical")
            problems.Add($"wal_level is '{server.WalLevel}': the log carries no row changes. Set wal_level = logical (ALTER SYSTEM SET wal_level = logical;) and restart the server.");
        if (!server.Replication)
            problems.Add($"Role '{server.Role}' lacks the REPLICATION attribute, so it cannot read the log. Run: ALTER ROLE {PostgresProvider.AnsiQuote(server.Role)} WITH REPLICATION;");
        var slot = await PostgresSlot.FindAsync(connection, read.Capture.Slot, ct).ConfigureAwait(false);
        if (slot is null && server.SlotsInUse >= server.MaxSlots)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"All {server.MaxSlots} replication slots are in use (max_replication_slots). Raise max_replication_slots and restart the server, or drop an unused slot."));
        if (server.SendersInUse >= server.MaxSenders && slot?.Active != true)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"All {server.MaxSenders} WAL senders are in use (max_wal_senders). Raise max_wal_senders and restart the server."));

        var table = await PostgresTable.FindAsync(connection, read.Options.Table!, ct).ConfigureAwait(false);
        if (table is null)
        {
            problems.Add($"Table '{read.Options.Table}' does not exist in {read.Address}, or role '{server.Role}' cannot see it.");
            return problems;
        }

        problems.AddRange(TableProblems(table, read.SourceKeyFields));
        problems.AddRange(await PublicationProblemsAsync(connection, table, read.Capture.Publication, server.Role, server.MayCreate && table.Owned, ct).ConfigureAwait(false));
        if (slot is not null)
            problems.AddRange(SlotProblems(slot, read.Capture, connection.Database));
        return problems;
    }

    /// <summary>The server's version and settings and the role's rights, as change capture needs them.</summary>
    public static async Task<ServerFacts> ServerAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand("""
            SELECT current_setting('server_version_num')::int, current_setting('server_version'), current_setting('wal_level'),
                   current_setting('max_replication_slots')::int, (SELECT count(*) FROM pg_replication_slots)::int,
                   current_setting('max_wal_senders')::int, (SELECT count(*) FROM pg_stat_replication)::int,
                   current_user::text, r.rolreplication OR r.rolsuper,
                   r.rolsuper OR has_database_privilege(current_user, current_database(), 'CREATE')
            FROM pg_roles r WHERE r.rolname = current_user
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        return new ServerFacts(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4),
            reader.GetInt32(5), reader.GetInt32(6), reader.GetString(7), reader.GetBoolean(8), reader.GetBoolean(9));
    }

    /// <summary>What <see cref="ServerAsync"/> finds.</summary>
    internal sealed record ServerFacts(int Version, string VersionText, string WalLevel, int MaxSlots, int SlotsInUse, int MaxSenders, int SendersInUse,
        string Role, bool Replication, bool MayCreate);

    /// <summary>A table whose updates and deletes the log cannot identify, or not by the mapping's key.</summary>
    public static IEnumerable<string> TableProblems(PostgresTable table, IReadOnlyList<string> sourceKeyFields)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(sourceKeyFields);
        if (table.Kind is not ('r' or 'p'))
        {
            yield return $"{table.Display} is not a table (a view or another kind of relation): only a table's changes are in the log. Name the table the view reads.";
            yield break;
        }

        var identity = table.IdentityColumns;
        if (identity.Count == 0)
        {
            // A publication over such a table would make the department's own UPDATE and DELETE fail.
            yield return $"{table.Display} has no primary key and REPLICA IDENTITY {(table.ReplicaIdentity == 'n' ? "NOTHING" : "DEFAULT")}: its updates and deletes cannot be captured " +
                         $"(and once published they would fail at the source). Add a primary key, or run: ALTER TABLE {table.Display} REPLICA IDENTITY FULL;";
            yield break;
        }

        var missing = sourceKeyFields.Where(f => !identity.Contains(f, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            yield return $"The mapping's sourceKey ({string.Join(", ", sourceKeyFields)}) is not within {table.Display}'s replica identity ({string.Join(", ", identity)}): " +
                         $"a deletion in the log carries only the identity columns, so it could not say which record to delete. Run: ALTER TABLE {table.Display} REPLICA IDENTITY FULL; " +
                         "or make the mapping's sourceKey the primary key.";
        }
    }

    public static async Task<IReadOnlyList<string>> PublicationProblemsAsync(NpgsqlConnection connection, PostgresTable table, string publication, string role,
        bool mayCreate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (exists, covers) = await PublicationAsync(connection, table, publication, ct).ConfigureAwait(false);
        var name = PostgresProvider.AnsiQuote(publication);
        if (!exists && !mayCreate)
            return [$"Publication {publication} does not exist and role '{role}' may not create it (it must own {table.Display} and may create in the database). Ask the DBA to run: CREATE PUBLICATION {name} FOR TABLE {table.Display};"];
        if (exists && !covers)
            return [$"Publication {publication} does not include {table.Display}. Run: ALTER PUBLICATION {name} ADD TABLE {table.Display};"];
        return [];
    }

    /// <summary>Whether the publication exists, and whether it includes the table.</summary>
    public static async Task<(bool Exists, bool Covers)> PublicationAsync(NpgsqlConnection connection, PostgresTable table, string publication, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var command = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = @publication),
                   EXISTS (SELECT 1 FROM pg_publication_tables WHERE pubname = @publication AND schemaname = @schema AND tablename = @table)
            """, connection);
        command.Parameters.AddWithValue("publication", publication);
        command.Parameters.AddWithValue("schema", table.Schema);
        command.Parameters.AddWithValue("table", table.Name);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        return (reader.GetBoolean(0), reader.GetBoolean(1));
    }

    public static IEnumerable<string> SlotProblems(PostgresSlot slot, ChangeCaptureOptions capture, string? database)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(capture);
        if (slot.Plugin != "pgoutput" || (database is not null && slot.Database != database))
        {
            yield return $"Replication slot {slot.Name} exists but is not a pgoutput slot of database {database} (plugin {slot.Plugin ?? "none"}, database {slot.Database ?? "none"}): " +
                         "another program uses that name. Name another slot in source.cdc.slot.";
        }
        else if (slot.Lost)
        {
            yield return $"Replication slot {slot.Name} was invalidated by the server (it kept more log than max_slot_wal_keep_size): the changes since the hub last read are gone. " +
                         "Set source.cdc.onSlotLost to resnapshot to start over with a new snapshot, or drop the slot and the connector's records.";
        }
    }
}
