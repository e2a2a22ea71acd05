using System.Collections.Concurrent;
using System.Data;
using Npgsql;

namespace IntegrationHub.Store.Batches;

/// <summary>
/// Opens batch sessions on connections of their own, kept open between batches: returning a connection to Npgsql's
/// pool resets it (<c>DISCARD</c>), which would drop the session's staging tables and make every batch create nine
/// tables in the catalog again. A connection that broke or was left mid-statement is closed instead of kept, and a
/// kept one that fails at the start of a batch (the server restarted meanwhile) is replaced at once.
/// </summary>
internal sealed class PostgresBatchSessions(NpgsqlDataSource dataSource) : IBatchSessions
{
    private const int MaxIdle = 8;
    private readonly ConcurrentStack<NpgsqlConnection> _idle = new();

    public async Task<BatchSession> OpenAsync(CancellationToken ct)
    {
        while (_idle.TryPop(out var kept))
        {
            try
            {
                return await PostgresBatchSession.BeginAsync(kept, this, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                await kept.DisposeAsync().ConfigureAwait(false);
            }
        }

        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            return await PostgresBatchSession.BeginAsync(connection, this, ct).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Keeps a connection whose transaction has ended cleanly for the next batch; closes any other.</summary>
    public async ValueTask ReturnAsync(NpgsqlConnection connection)
    {
        if (connection.FullState == ConnectionState.Open && _idle.Count < MaxIdle)
        {
            _idle.Push(connection);
            return;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        while (_idle.TryPop(out var kept))
            kept.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryPop(out var kept))
            await kept.DisposeAsync().ConfigureAwait(false);
    }
}
