using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Npgsql;
using Npgsql.Replication;
using Npgsql.Replication.PgOutput;
using Npgsql.Replication.PgOutput.Messages;
using NpgsqlTypes;

namespace IntegrationHub.Connectors.Sql.Capture;

/// <summary>
/// Reads PostgreSQL's log through a logical replication slot (pgoutput, binary values) from a position, and hands on its
/// transactions as <see cref="LogEvent"/>s. Beside the reading, a watcher (every half second) offers the position the
/// log is quiet at, confirms to the server what the store has committed — read from the stored checkpoint, never from
/// what was merely read — and notices when the table leaves the publication (dropped), which ends the stream after every
/// change before it.
/// </summary>
internal sealed class PostgresLogStream : IAsyncDisposable
{
    private const int Capacity = 8_192;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan SlotBusyFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan GoneGrace = TimeSpan.FromSeconds(30);

    private readonly CaptureRead _read;
    private readonly PostgresTable _table;
    private readonly NpgsqlLogSequenceNumber _start;
    private readonly TimeProvider _clock;
    private readonly HashSet<string> _excluded;
    private readonly Channel<LogEvent> _events = Channel.CreateBounded<LogEvent>(new BoundedChannelOptions(Capacity) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();

    // The reader and the watcher meet here: the watcher offers a quiet position only while the reader waits between
    // transactions with everything before handed on, so that position is never ahead of a change still to come.
    private readonly Lock _gate = new();
    private bool _waiting;
    private bool _open;
    private NpgsqlLogSequenceNumber _handedOn;
    private NpgsqlLogSequenceNumber _acknowledged;
    private (NpgsqlLogSequenceNumber At, string Reason, DateTimeOffset Seen)? _gone;
    private bool _goneSent;

    private LogicalReplicationConnection _connection;
    private NpgsqlConnection? _lookup;
    private string _transaction = "";
    private Task _reading = Task.CompletedTask;
    private Task _watching = Task.CompletedTask;

    public PostgresLogStream(CaptureRead read, PostgresTable table, LogicalReplicationConnection connection, CaptureCheckpoint start, TimeProvider clock)
    {
        _read = read;
        _table = table;
        _connection = connection;
        _start = NpgsqlLogSequenceNumber.Parse(start.Position);
        _handedOn = _start;
        _acknowledged = _start;
        _clock = clock;
        _excluded = new HashSet<string>(read.Options.ExcludeColumns, StringComparer.OrdinalIgnoreCase);
    }

    public ChannelReader<LogEvent> Events => _events.Reader;

    /// <summary>Starts reading at the start position; when the table is already gone, the stream ends once the log before now is read.</summary>
    public void Start(NpgsqlLogSequenceNumber? goneAt, string? goneReason, CancellationToken ct)
    {
        if (goneAt is { } at)
            _gone = (at, goneReason!, _clock.GetUtcNow());
        var token = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token).Token;
        _reading = Task.Run(() => ReadAsync(token), CancellationToken.None);
        _watching = Task.Run(() => WatchAsync(token), CancellationToken.None);
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            var slot = new PgOutputReplicationSlot(_read.Capture.Slot);
            var options = new PgOutputReplicationOptions(_read.Capture.Publication, PgOutputProtocolVersion.V1, binary: true);
            // What the store holds is confirmed at once: the server may recycle the log before it.
            _connection.SetReplicationStatus(_start);
            var busyUntil = _clock.GetUtcNow() + SlotBusyFor;
            var received = false;
            var messages = _connection.StartReplication(slot, options, ct, _start).GetAsyncEnumerator(ct);
            try
            {
                while (true)
                {
                    lock (_gate)
                        _waiting = !_open;
                    bool more;
                    try
                    {
                        more = await messages.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && !received && _clock.GetUtcNow() < busyUntil)
                    {
                        // The previous run's session still holds the slot for a moment after it ended.
                        lock (_gate)
                            _waiting = false;
                        await messages.DisposeAsync().ConfigureAwait(false);
                        await _connection.DisposeAsync().ConfigureAwait(false);
                        await Task.Delay(TimeSpan.FromMilliseconds(250), _clock, ct).ConfigureAwait(false);
                        _connection = await PostgresChangeCapture.OpenReplicationAsync(_read, ct).ConfigureAwait(false);
                        _connection.SetReplicationStatus(_start);
                        messages = _connection.StartReplication(slot, options, ct, _start).GetAsyncEnumerator(ct);
                        continue;
                    }

                    lock (_gate)
                        _waiting = false;
                    if (!more)
                        break;
                    received = true;
                    await HandleAsync(messages.Current, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                await messages.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the run ended
        }
        catch (Exception ex) when (ex is not SourceAccessException)
        {
            failure = new SourceAccessException("read",
                $"Reading the log of {_read.Address} through replication slot {_read.Capture.Slot} failed: {ConnectionStringSecrets.Redact(ex.Message, _read.ConnectionString)}", ex);
        }
        catch (SourceAccessException ex)
        {
            failure = ex;
        }
        finally
        {
            _events.Writer.TryComplete(failure);
        }
    }

    private async Task HandleAsync(PgOutputReplicationMessage message, CancellationToken ct)
    {
        switch (message)
        {
            case BeginMessage begin:
                lock (_gate)
                    _open = true;
                // The final position names the transaction the same way each time it is read.
                _transaction = begin.TransactionFinalLsn.ToString();
                await WriteAsync(new LogEvent.Begun(_transaction), ct).ConfigureAwait(false);
                break;
            case InsertMessage insert when Ours(insert.Relation):
                var inserted = await ReadRowAsync(insert.Relation, insert.NewRow, keysOnly: false, ct).ConfigureAwait(false);
                await WriteAsync(new LogEvent.Changed(inserted.ToRecord(Origin(inserted))), ct).ConfigureAwait(false);
                break;
            case UpdateMessage update when Ours(update.Relation):
                await HandleUpdateAsync(update, ct).ConfigureAwait(false);
                break;
            case DeleteMessage delete when Ours(delete.Relation):
                var tuple = delete is KeyDeleteMessage key ? key.Key : ((FullDeleteMessage)delete).OldRow;
                var deleted = await ReadRowAsync(delete.Relation, tuple, keysOnly: true, ct).ConfigureAwait(false);
                await WriteAsync(new LogEvent.Changed(new SourceRecord(deleted.Data, Deleted: true, Origin: Origin(deleted))), ct).ConfigureAwait(false);
                break;
            case TruncateMessage truncate when truncate.Relations.Any(Ours):
                // A truncate names no rows: the records stay, and quarantine says so instead of dropping it silently.
                await WriteAsync(new LogEvent.Changed(new SourceRecord([], Origin: $"table {_table.Display} TRUNCATE at {_transaction}",
                    Problem: $"Table {_table.Display} was truncated at the source (TRUNCATE, log position {_transaction}). A truncate names no rows, so the hub " +
                             "marked nothing deleted: the records it removed stay in the hub. Delete rows with DELETE so that each deletion is captured.")), ct).ConfigureAwait(false);
                break;
            case CommitMessage commit:
                lock (_gate)
                {
                    _open = false;
                    if (commit.TransactionEndLsn > _handedOn)
                        _handedOn = commit.TransactionEndLsn;
                }

                await WriteAsync(new LogEvent.Committed(commit.TransactionEndLsn.ToString()), ct).ConfigureAwait(false);
                break;
        }
    }

    private async Task HandleUpdateAsync(UpdateMessage update, CancellationToken ct)
    {
        Row? old = update switch
        {
            FullUpdateMessage full => await ReadRowAsync(full.Relation, full.OldRow, keysOnly: false, ct).ConfigureAwait(false),
            IndexUpdateMessage index => await ReadRowAsync(index.Relation, index.Key, keysOnly: true, ct).ConfigureAwait(false),
            _ => null,
        };
        var row = await ReadRowAsync(update.Relation, update.NewRow, keysOnly: false, ct).ConfigureAwait(false);
        if (row.Unchanged.Count > 0)
            row = await FillUnchangedAsync(row, old, ct).ConfigureAwait(false);
        // The row's key changed: the record under the old key is gone.
        if (update is IndexUpdateMessage && old is not null && !SameKey(old, row))
            await WriteAsync(new LogEvent.Changed(new SourceRecord(old.Data, Deleted: true, Origin: Origin(old))), ct).ConfigureAwait(false);
        await WriteAsync(new LogEvent.Changed(row.ToRecord(Origin(row))), ct).ConfigureAwait(false);
    }

    private bool Ours(RelationMessage relation) => relation.RelationName == _table.Name && relation.Namespace == _table.Schema;

    private async ValueTask WriteAsync(LogEvent item, CancellationToken ct) => await _events.Writer.WriteAsync(item, ct).ConfigureAwait(false);

    private async Task<Row> ReadRowAsync(RelationMessage relation, ReplicationTuple tuple, bool keysOnly, CancellationToken ct)
    {
        var row = new Row();
        var i = 0;
        await foreach (var value in tuple.WithCancellation(ct).ConfigureAwait(false))
        {
            var column = relation.Columns[i++];
            var name = column.ColumnName;
            var isKey = (column.Flags & RelationMessage.Column.ColumnFlags.PartOfKey) != 0;
            if (keysOnly && !isKey)
                continue;
            if (value.IsUnchangedToastedValue)
            {
                row.Unchanged.Add(name);
                continue;
            }

            object? clr = null;
            if (!value.IsDBNull)
            {
                try
                {
                    clr = await value.Get<object>(ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is InvalidCastException or NotSupportedException or FormatException or ArgumentException)
                {
                    row.Problem = $"Column {name} ({value.GetDataTypeName()}) of table {_table.Display} could not be read from the log: {ex.Message}";
                }
            }

            if (isKey && clr is not null)
                row.Key.Add((name, clr));
            if (!_excluded.Contains(name))
                row.Data[name] = RowReader.ToJson(clr);
        }

        return row;
    }

    /// <summary>
    /// PostgreSQL leaves a large value out of an update that did not change it (unchanged TOAST): it is taken from the old
    /// row when the table logs it (REPLICA IDENTITY FULL), else read from the table by the row's key.
    /// </summary>
    private async Task<Row> FillUnchangedAsync(Row row, Row? old, CancellationToken ct)
    {
        var missing = row.Unchanged.Where(c => !_excluded.Contains(c) && !(old?.Data.ContainsKey(c) ?? false)).ToList();
        foreach (var column in row.Unchanged.Where(c => old?.Data.ContainsKey(c) ?? false))
            row.Data[column] = old!.Data[column]?.DeepClone();
        if (missing.Count == 0 || row.Key.Count == 0)
            return row;

        _lookup ??= (NpgsqlConnection)await SourceConnections.OpenAsync(SqlProvider.For("postgres"), _read.ConnectionString, _read.ConnectorId, ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT {string.Join(", ", missing.Select(PostgresProvider.AnsiQuote))} FROM {_table.Quoted} WHERE " +
            string.Join(" AND ", row.Key.Select((k, i) => $"{PostgresProvider.AnsiQuote(k.Column)} = @k{i}")), _lookup);
        for (var i = 0; i < row.Key.Count; i++)
            command.Parameters.AddWithValue($"k{i}", row.Key[i].Value);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            row.Problem ??= $"An update of table {_table.Display} left out the unchanged large values of {string.Join(", ", missing)}, and the row is no longer in the " +
                            $"table to read them from (a later deletion follows). Set REPLICA IDENTITY FULL on the table (ALTER TABLE {_table.Display} REPLICA IDENTITY FULL;) so the log carries them.";
            return row;
        }

        for (var i = 0; i < missing.Count; i++)
            row.Data[missing[i]] = RowReader.ToJson(reader.IsDBNull(i) ? null : reader.GetValue(i));
        return row;
    }

    private static bool SameKey(Row a, Row b) =>
        a.Key.Count == b.Key.Count && a.Key.Zip(b.Key).All(p => p.First.Column == p.Second.Column && Equals(p.First.Value, p.Second.Value));

    private string Origin(Row row) =>
        string.Create(CultureInfo.InvariantCulture, $"table {_table.Display} change in transaction {_transaction} ({string.Join(", ", row.Key.Select(k => $"{k.Column}={k.Value}"))})");

    private async Task WatchAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Tick, _clock);
        var tick = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                tick++;
                try
                {
                    OfferQuiet();
                    if (tick % 2 == 0)
                        await AcknowledgeStoredAsync(ct).ConfigureAwait(false);
                    if (tick % 10 == 1)
                        await WatchTableAsync(ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A look that failed (the source busy for a moment) is taken again at a later tick; reading goes on.
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// While the reader waits between transactions, the position the server last reported (a keepalive, or the start of
    /// the transaction it is sending) has no change before it that was not handed on: a checkpoint there loses nothing.
    /// </summary>
    private void OfferQuiet()
    {
        lock (_gate)
        {
            if (!_waiting || _open || _goneSent)
                return;
            var received = _connection.LastReceivedLsn;
            if (_gone is { } gone && (_handedOn >= gone.At || received >= gone.At || _clock.GetUtcNow() - gone.Seen > GoneGrace))
            {
                _goneSent = _events.Writer.TryWrite(new LogEvent.SourceGone(gone.Reason));
                return;
            }

            if (received > _handedOn && _events.Writer.TryWrite(new LogEvent.Quiet(received.ToString())))
                _handedOn = received;
        }
    }

    /// <summary>Confirms to the server the position the store holds (only what is committed may be recycled).</summary>
    private async Task AcknowledgeStoredAsync(CancellationToken ct)
    {
        if (_read.Context.Checkpoints is not { } checkpoints)
            return;
        var stored = CaptureCheckpoint.Parse(await checkpoints.GetAsync(_read.ConnectorId, ct).ConfigureAwait(false));
        if (stored is null || stored.Slot != _read.Capture.Slot || stored.Snapshot is not null
            || !NpgsqlLogSequenceNumber.TryParse(stored.Position, out var position) || position <= _acknowledged)
            return;
        _connection.SetReplicationStatus(position);
        _acknowledged = position;
        try
        {
            await _connection.SendStatusUpdate(ct).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Not streaming (yet, or any more): the next status update carries the position.
        }
    }

    private async Task WatchTableAsync(CancellationToken ct)
    {
        if (_gone is not null || _goneSent)
            return;
        await using var connection = (NpgsqlConnection)await SourceConnections.OpenAsync(SqlProvider.For("postgres"), _read.ConnectionString, _read.ConnectorId, ct).ConfigureAwait(false);
        var (_, covers) = await PostgresPrerequisites.PublicationAsync(connection, _table, _read.Capture.Publication, ct).ConfigureAwait(false);
        if (covers)
            return;
        var now = await PostgresChangeCapture.CurrentPositionAsync(connection, ct).ConfigureAwait(false);
        var reason = await PostgresChangeCapture.GoneReasonAsync(connection, _read, _table.Display, now, ct).ConfigureAwait(false);
        lock (_gate)
            _gone = (now, reason, _clock.GetUtcNow());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _connection.DisposeAsync().ConfigureAwait(false);
        if (_lookup is not null)
            await _lookup.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>One row as the log gave it: its values, the identity columns' values, the large values left out, a problem.</summary>
    private sealed class Row
    {
        public JsonObject Data { get; } = [];
        public List<(string Column, object Value)> Key { get; } = [];
        public List<string> Unchanged { get; } = [];
        public string? Problem { get; set; }

        public SourceRecord ToRecord(string origin) => new(Data, Origin: origin, Problem: Problem);
    }
}
