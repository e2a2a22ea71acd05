using System.Data.Common;

namespace IntegrationHub.Store.Sql;

/// <summary>
/// A write transaction of the store with the process's turn to write (<see cref="StoreDialect.BeginWriteAsync"/>):
/// disposing it ends the transaction (rolled back unless committed), then gives the turn to the next writer.
/// </summary>
public sealed class StoreWrite : IAsyncDisposable
{
    private readonly IDisposable? _turn;

    internal StoreWrite(DbTransaction transaction, IDisposable? turn)
    {
        Transaction = transaction;
        _turn = turn;
    }

    public DbTransaction Transaction { get; }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _turn?.Dispose();
        }
    }
}
