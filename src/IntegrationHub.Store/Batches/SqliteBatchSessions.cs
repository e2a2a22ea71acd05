namespace IntegrationHub.Store.Batches;

/// <summary>One writer connection, one batch at a time (SQLite has a single writer; waiting here costs less than busy retries).</summary>
internal sealed class SqliteBatchSessions(string connectionString) : IBatchSessions
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteBatchConnection? _writer;

    public async Task<BatchSession> OpenAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _writer ??= SqliteBatchConnection.Open(connectionString);
            return new Released(await SqliteBatchSession.OpenAsync(_writer, ct).ConfigureAwait(false), this);
        }
        catch
        {
            Reset();
            _gate.Release();
            throw;
        }
    }

    /// <summary>A connection that broke is opened afresh for the next batch.</summary>
    private void Reset()
    {
        _writer?.Dispose();
        _writer = null;
    }

    public void Dispose()
    {
        Reset();
        _gate.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Lets the next batch in when this one is disposed.</summary>
    private sealed class Released(SqliteBatchSession inner, SqliteBatchSessions owner) : BatchSession
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
                if (inner.Connection.State != System.Data.ConnectionState.Open)
                    owner.Reset();
                owner._gate.Release();
            }
        }
    }
}
