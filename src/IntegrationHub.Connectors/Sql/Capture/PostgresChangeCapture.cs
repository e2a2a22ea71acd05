using System.Runtime.CompilerServices;
using Npgsql;
using Npgsql.Replication;
using NpgsqlTypes;

namespace IntegrationHub.Connectors.Sql.Capture;

/// <summary>
/// Change capture from PostgreSQL (14 or later) by logical replication with the built-in <c>pgoutput</c> plugin. The first
/// run creates the publication (when the role may) and the slot, exporting the snapshot of the slot's starting point: the
/// table is read in that snapshot (<see cref="TableSnapshot"/>), and the stream starts exactly where the snapshot ends.
/// Later runs stream from the stored position (<see cref="PostgresLogStream"/>, paged by <see cref="ChangePager"/>). A
/// snapshot cut short by a stop goes on after its last stored row in a fresh snapshot; the stream from the slot's start
/// then brings the rows read later up to date.
/// </summary>
internal sealed class PostgresChangeCapture(TimeProvider clock) : IChangeCaptureSource
{
    private static readonly SqlProvider Provider = SqlProvider.For("postgres");

    public async IAsyncEnumerable<SourcePage> ReadAsync(CaptureRead read, string? checkpoint, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        var endAt = clock.GetUtcNow() + TimeSpan.FromSeconds(read.Capture.RunSeconds);
        var options = read.Options;
        var excluded = new HashSet<string>(options.ExcludeColumns, StringComparer.OrdinalIgnoreCase);
        await using var connection = await OpenAsync(read, ct).ConfigureAwait(false);
        var table = await PostgresTable.FindAsync(connection, options.Table!, ct).ConfigureAwait(false);
        if (read.Context.Sampling)
        {
            // check, discover and preview read the table as it is now and leave no slot behind.
            var sampled = table ?? throw Missing(read);
            await foreach (var (records, _) in TableSnapshot.PagesAsync(connection, sampled, null, options.PageSize, excluded, options.CommandTimeoutSeconds, ct).ConfigureAwait(false))
                yield return Screened(new SourcePage(records, null), read);
            yield break;
        }

        var position = CaptureCheckpoint.Parse(checkpoint);
        if (table is not null)
        {
            if (PostgresPrerequisites.TableProblems(table, read.SourceKeyFields).ToList() is { Count: > 0 } problems)
                throw new SourceAccessException("replication", string.Join(" ", problems));
            await EnsurePublicationAsync(connection, table, read, ct).ConfigureAwait(false);
        }

        var slot = await PostgresSlot.FindAsync(connection, read.Capture.Slot, ct).ConfigureAwait(false);
        LogicalReplicationConnection? replication = null;
        NpgsqlConnection? snapshot = null;
        try
        {
            if (position is null || position.Slot != read.Capture.Slot || slot is null || slot.Lost)
            {
                if (position is not null && read.Capture.OnSlotLost == SlotLossPolicy.Fail)
                    throw new SourceAccessException("replication", SlotLost(read, position, slot));
                if (slot is not null)
                    await ReleaseStaleSlotAsync(connection, read, slot, ct).ConfigureAwait(false);
                var created = table ?? throw Missing(read);
                replication = await OpenReplicationAsync(read, ct).ConfigureAwait(false);
                var made = await replication.CreatePgOutputReplicationSlot(read.Capture.Slot, temporarySlot: false,
                    slotSnapshotInitMode: LogicalSlotSnapshotInitMode.Export, cancellationToken: ct).ConfigureAwait(false);
                position = new CaptureCheckpoint(read.Capture.Slot, made.ConsistentPoint.ToString()) { Snapshot = new SnapshotProgress(null) };
                // Imported before the replication connection runs anything else, which would end the exported snapshot.
                snapshot = await BeginSnapshotAsync(read, made.SnapshotName, ct).ConfigureAwait(false);
                table = created;
            }
            else if (PostgresPrerequisites.SlotProblems(slot, read.Capture, connection.Database).FirstOrDefault() is { } problem)
            {
                throw new SourceAccessException("replication", problem);
            }
            else if (position.Snapshot is not null)
            {
                // The snapshot of the slot's start is gone with the session that exported it: go on in a fresh one.
                snapshot = await BeginSnapshotAsync(read, null, ct).ConfigureAwait(false);
            }

            if (snapshot is not null)
            {
                var snapshotTable = table ?? throw Missing(read);
                await foreach (var (records, last) in TableSnapshot.PagesAsync(snapshot, snapshotTable, position.Snapshot!.After, options.PageSize, excluded, options.CommandTimeoutSeconds, ct)
                                   .ConfigureAwait(false))
                    yield return Screened(new SourcePage(records, (position with { Snapshot = new SnapshotProgress(last) }).Serialize()), read);
                position = position with { Snapshot = null };
                await snapshot.DisposeAsync().ConfigureAwait(false);
                snapshot = null;
                yield return new SourcePage([], position.Serialize());
            }

            // A table gone since the last run: the log up to now is read (its last changes), then the run fails with the reason.
            NpgsqlLogSequenceNumber? goneAt = null;
            string? goneReason = null;
            if (table is null || !(await PostgresPrerequisites.PublicationAsync(connection, table, read.Capture.Publication, ct).ConfigureAwait(false)).Covers)
            {
                goneAt = await CurrentPositionAsync(connection, ct).ConfigureAwait(false);
                goneReason = await GoneReasonAsync(connection, read, table?.Display ?? options.Table!, goneAt.Value, ct).ConfigureAwait(false);
            }

            replication ??= await OpenReplicationAsync(read, ct).ConfigureAwait(false);
            var streamed = table ?? Placeholder(options.Table!);
            var stream = new PostgresLogStream(read, streamed, replication, position, clock);
            replication = null; // the stream owns it now
            await using (stream.ConfigureAwait(false))
            {
                stream.Start(goneAt, goneReason, ct);
                var pager = new ChangePager(position, options.PageSize, TimeSpan.FromMilliseconds(read.Capture.FlushMilliseconds),
                    TimeSpan.FromSeconds(read.Capture.IdleCheckpointSeconds), clock);
                await foreach (var page in pager.PagesAsync(stream.Events, endAt, ct).ConfigureAwait(false))
                    yield return Screened(page, read);
            }
        }
        finally
        {
            if (snapshot is not null)
                await snapshot.DisposeAsync().ConfigureAwait(false);
            if (replication is not null)
                await replication.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<string>> CheckAsync(CaptureRead read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var connection = await OpenAsync(read, ct).ConfigureAwait(false);
        var problems = (await PostgresPrerequisites.CheckAsync(connection, read, ct).ConfigureAwait(false)).ToList();
        if (problems.Any(p => p.Contains("REPLICATION attribute", StringComparison.Ordinal)))
            return problems;
        try
        {
            // The replication protocol itself: pg_hba.conf and the role's attribute as the server applies them.
            await using var replication = await OpenReplicationAsync(read, ct).ConfigureAwait(false);
            await replication.IdentifySystem(ct).ConfigureAwait(false);
        }
        catch (SourceAccessException ex)
        {
            problems.Add(ex.Message);
        }

        return problems;
    }

    public async Task<ReplicationSlotState> GetSlotAsync(CaptureRead read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        var state = new ReplicationSlotState { Slot = read.Capture.Slot, Source = read.Address };
        try
        {
            await using var connection = await OpenAsync(read, ct).ConfigureAwait(false);
            return await PostgresSlot.FindAsync(connection, read.Capture.Slot, ct).ConfigureAwait(false) is { } slot
                ? state with { Exists = true, Active = slot.Active, RetainedWalBytes = slot.RetainedBytes, LagBytes = slot.LagBytes, WalStatus = slot.WalStatus }
                : state;
        }
        catch (Exception ex) when (ex is SourceAccessException or NpgsqlException or ConnectorConfigurationException)
        {
            return state with { Error = ConnectionStringSecrets.Redact(ex.Message, read.ConnectionString) };
        }
    }

    public async Task<bool> DropSlotAsync(CaptureRead read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var connection = await OpenAsync(read, ct).ConfigureAwait(false);
        try
        {
            return await PostgresSlot.DropAsync(connection, read.Capture.Slot, ct).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            throw new SourceAccessException("replication", $"Replication slot {read.Capture.Slot} on {read.Address} could not be dropped: {ex.MessageText} " +
                "Drop it as a superuser: SELECT pg_drop_replication_slot('" + read.Capture.Slot + "');", ex);
        }
    }

    /// <summary>A replication connection (the walsender protocol), its failures in words an IT engineer can act on.</summary>
    internal static async Task<LogicalReplicationConnection> OpenReplicationAsync(CaptureRead read, CancellationToken ct)
    {
        var connection = new LogicalReplicationConnection(read.ConnectionString);
        try
        {
            await connection.Open(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (SourceConnections.IsOpenFailure(ex) && !ct.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            if (ex is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege })
            {
                throw new SourceAccessException("replication", $"{read.Address} refused a replication connection: {ex.Message} " +
                    "The role needs the REPLICATION attribute (ALTER ROLE … WITH REPLICATION;), and pg_hba.conf must allow it to connect to this database.");
            }

            throw SourceConnections.Refused(Provider, ex, read.Address, read.ConnectionString);
        }

        if (connection.PostgreSqlVersion.Major < 14)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new SourceAccessException("replication", $"{read.Address} runs PostgreSQL {connection.PostgreSqlVersion}: change capture needs 14 or later. Use mode poll.");
        }

        return connection;
    }

    internal static async Task<NpgsqlLogSequenceNumber> CurrentPositionAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()", connection);
        return (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>Why the table left the publication: dropped, or dropped and created again (a new table the publication does not include).</summary>
    internal static async Task<string> GoneReasonAsync(NpgsqlConnection connection, CaptureRead read, string table, NpgsqlLogSequenceNumber at, CancellationToken ct)
    {
        var now = await PostgresTable.FindAsync(connection, read.Options.Table!, ct).ConfigureAwait(false);
        return now is null
            ? $"Table {table} was dropped from {read.Address} (noticed at log position {at}); the connector's mapping reads it. Every change before the drop was read. " +
              "Restore the table and add it to the publication again, or disable the connector."
            : $"Table {table} in {read.Address} is no longer in publication {read.Capture.Publication} (noticed at log position {at}): it was dropped and created again, " +
              $"or removed from the publication, so its changes are no longer in the log the hub reads. Run ALTER PUBLICATION {PostgresProvider.AnsiQuote(read.Capture.Publication)} " +
              $"ADD TABLE {now.Display}; and, for a new table, take a new snapshot (drop slot {read.Capture.Slot} and set source.cdc.onSlotLost to resnapshot).";
    }

    private static async Task<NpgsqlConnection> OpenAsync(CaptureRead read, CancellationToken ct) =>
        (NpgsqlConnection)await SourceConnections.OpenAsync(Provider, read.ConnectionString, read.ConnectorId, ct).ConfigureAwait(false);

    /// <summary>A connection in a repeatable-read transaction: on the exported snapshot of a new slot, or a fresh one.</summary>
    private static async Task<NpgsqlConnection> BeginSnapshotAsync(CaptureRead read, string? exported, CancellationToken ct)
    {
        var connection = await OpenAsync(read, ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        if (exported is not null)
        {
            command.CommandText = $"SET TRANSACTION SNAPSHOT '{exported.Replace("'", "''", StringComparison.Ordinal)}'";
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return connection;
    }

    private static async Task EnsurePublicationAsync(NpgsqlConnection connection, PostgresTable table, CaptureRead read, CancellationToken ct)
    {
        var (exists, covers) = await PostgresPrerequisites.PublicationAsync(connection, table, read.Capture.Publication, ct).ConfigureAwait(false);
        if (covers)
            return;
        var name = PostgresProvider.AnsiQuote(read.Capture.Publication);
        // A partitioned table's changes are published as the table's, not as each partition's.
        var sql = exists
            ? $"ALTER PUBLICATION {name} ADD TABLE {table.Quoted}"
            : $"CREATE PUBLICATION {name} FOR TABLE {table.Quoted}{(table.Kind == 'p' ? " WITH (publish_via_partition_root = true)" : "")}";
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege)
        {
            var server = await PostgresPrerequisites.ServerAsync(connection, ct).ConfigureAwait(false);
            var problems = await PostgresPrerequisites.PublicationProblemsAsync(connection, table, read.Capture.Publication, server.Role, mayCreate: false, ct).ConfigureAwait(false);
            throw new SourceAccessException("replication", string.Join(" ", problems.DefaultIfEmpty(ex.MessageText)), ex);
        }
    }

    /// <summary>A slot of the name with no stored position of the hub's behind it: left by a first run that stopped before storing anything.</summary>
    private static async Task ReleaseStaleSlotAsync(NpgsqlConnection connection, CaptureRead read, PostgresSlot slot, CancellationToken ct)
    {
        if (PostgresPrerequisites.SlotProblems(slot, read.Capture, connection.Database).FirstOrDefault() is { } foreign && !slot.Lost)
            throw new SourceAccessException("replication", foreign);
        if (slot.Active)
        {
            throw new SourceAccessException("replication", $"Replication slot {slot.Name} on {read.Address} is read by another session (process {slot.ActivePid}) " +
                "although the hub has no position in it: another program or hub uses this name. Name another slot in source.cdc.slot.");
        }

        await PostgresSlot.DropAsync(connection, slot.Name, ct).ConfigureAwait(false);
    }

    private static string SlotLost(CaptureRead read, CaptureCheckpoint position, PostgresSlot? slot)
    {
        var what = position.Slot != read.Capture.Slot
            ? $"is {position.Slot}, but source.cdc.slot now names {read.Capture.Slot}"
            : slot is null ? $"({position.Slot}) no longer exists on {read.Address}" : $"({position.Slot}) was invalidated by {read.Address} (it kept more log than max_slot_wal_keep_size)";
        return $"The replication slot the connector's checkpoint belongs to {what}: the changes after log position {position.Position} cannot be read from it. " +
               "To start over with a new slot and a new snapshot, set source.cdc.onSlotLost to \"resnapshot\" (rows deleted at the source meanwhile stay in the hub).";
    }

    /// <summary>Every record against <c>Hub:Limits</c> and the characters text may hold, as every connector's are.</summary>
    private static SourcePage Screened(SourcePage page, CaptureRead read) =>
        page.Records.Count == 0 ? page : page with { Records = [.. page.Records.Select(r => SourceRecordScreen.Screen(r, read.Context.Limits))] };

    private static SourceAccessException Missing(CaptureRead read) =>
        new("read", $"Table '{read.Options.Table}' does not exist in {read.Address}, or the connection's role cannot see it.");

    /// <summary>The table as the connector names it, for a stream that only drains the log of a table already dropped.</summary>
    private static PostgresTable Placeholder(string name)
    {
        var parts = name.Split('.');
        return new PostgresTable
        {
            Oid = 0, Schema = parts.Length > 1 ? parts[0] : "public", Name = parts[^1], Kind = 'r', ReplicaIdentity = 'd',
            Columns = [], PrimaryKey = [], IdentityIndex = [], Owned = false,
        };
    }
}
