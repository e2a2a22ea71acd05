namespace IntegrationHub.Store.Batches;

/// <summary>
/// One writer connection, one batch at a time, taking its turn with the store's other writers of this process (SQLite has a
/// single writer; waiting for the turn costs less than busy retries).
/// </summary>
internal sealed class SqliteBatchSessions(string connectionString, Sql.WriterTurns turns) : IBatchSessions
{
    private SqliteBatchConnection? _writer;

    public async Task<BatchSession> OpenAsync(CancellationToken ct)
    {
        var turn = await turns.TakeAsync(ct).ConfigureAwait(false);
        try
        {
            _writer ??= SqliteBatchConnection.Open(connectionString);
            return new Released(await SqliteBatchSession.OpenAsync(_writer, ct).ConfigureAwait(false), this, turn);
        }
        catch
        {
            // The turn goes on even if closing the broken connection throws: every writer of the process waits for it.
            using (turn)
                Reset();
            throw;
        }
    }

    /// <summary>A connection that broke is opened afresh for the next batch.</summary>
    private void Reset()
    {
        _writer?.Dispose();
        _writer = null;
    }

    public void Dispose() => Reset();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Lets the next batch in when this one is disposed.</summary>
    private sealed class Released(SqliteBatchSession inner, SqliteBatchSessions owner, IDisposable turn) : BatchSession
    {
        public override System.Data.Common.DbConnection Connection => inner.Connection;

        public override System.Data.Common.DbTransaction Transaction => inner.Transaction;

        public override string LockClause => inner.LockClause;

        public override string ChangeLogLock => inner.ChangeLogLock;

        public override Task WriteAsync<T>(BatchTable<T> table, IReadOnlyList<T> rows, CancellationToken ct) => inner.WriteAsync(table, rows, ct);

        public override Task ExecuteAsync(string sql, object parameters, CancellationToken ct) => inner.ExecuteAsync(sql, parameters, ct);

        public override Task FlushAsync(object parameters, CancellationToken ct) => inner.FlushAsync(parameters, ct);

        public override async ValueTask DisposeAsync()
        {
            try
            {
                await inner.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                using (turn)
                {
                    if (inner.Connection.State != System.Data.ConnectionState.Open)
                        owner.Reset();
                }
            }
        }
    }
}
