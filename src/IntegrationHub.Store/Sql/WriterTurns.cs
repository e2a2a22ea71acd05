namespace IntegrationHub.Store.Sql;

/// <summary>
/// The process's turns to write a store that has one writer (SQLite): one at a time, in the order they were asked for;
/// a turn is given on when disposed, once. Shared by every write of the store, the batch writer's included.
/// </summary>
internal sealed class WriterTurns
{
    private readonly SemaphoreSlim _turns = new(1, 1);

    /// <summary>Waits for the turn (cancellable while it waits); dispose the result to give it on.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken ct)
    {
        await _turns.WaitAsync(ct).ConfigureAwait(false);
        return new Turn(_turns);
    }

    private sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                turns.Release();
        }
    }
}
