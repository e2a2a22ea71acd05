using Npgsql;

namespace IntegrationHub.Connectors.Sql.Capture;

/// <summary>
/// A replication slot in <c>pg_replication_slots</c>, with the log the server keeps for it: <see cref="RetainedBytes"/>
/// from its restart position, <see cref="LagBytes"/> from the position the hub confirmed, both to the current position.
/// </summary>
internal sealed record PostgresSlot(string Name, string? Plugin, string? Database, bool Active, int? ActivePid, string? WalStatus, long? RetainedBytes, long? LagBytes)
{
    /// <summary>The server invalidated the slot (it kept more than <c>max_slot_wal_keep_size</c>): its changes are gone.</summary>
    public bool Lost => WalStatus == "lost";

    public static async Task<PostgresSlot?> FindAsync(NpgsqlConnection connection, string slot, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand("""
            SELECT s.slot_name::text, s.plugin::text, s.database::text, s.active, s.active_pid, s.wal_status,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), s.restart_lsn)::bigint,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), s.confirmed_flush_lsn)::bigint
            FROM pg_replication_slots s WHERE s.slot_name = @slot
            """, connection);
        command.Parameters.AddWithValue("slot", slot);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            return null;
        return new PostgresSlot(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetBoolean(3),
            reader.IsDBNull(4) ? null : reader.GetInt32(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetInt64(6),
            reader.IsDBNull(7) ? null : reader.GetInt64(7));
    }

    /// <summary>Drops the slot, first ending the session that reads it (a run of the hub); false when there was none.</summary>
    public static async Task<bool> DropAsync(NpgsqlConnection connection, string slot, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        for (var attempt = 0; ; attempt++)
        {
            var found = await FindAsync(connection, slot, ct).ConfigureAwait(false);
            if (found is null)
                return false;
            if (found.ActivePid is { } pid)
            {
                await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
                terminate.Parameters.AddWithValue("pid", pid);
                await terminate.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            try
            {
                await using var drop = new NpgsqlCommand("SELECT pg_drop_replication_slot(@slot)", connection);
                drop.Parameters.AddWithValue("slot", slot);
                await drop.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return true;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 40)
            {
                // The ended session lets go of the slot a moment later.
                await Task.Delay(250, ct).ConfigureAwait(false);
            }
        }
    }
}
