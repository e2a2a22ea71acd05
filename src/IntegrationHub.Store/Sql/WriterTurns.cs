namespace IntegrationHub.Store.Sql;

/// <summary>
/// The process's turns to write a store that has one writer (SQLite): one at a time, in the order they were asked for;
/// a turn is given on when disposed, once. Shared by every write of the store, the batch writer's included.
/// </summary>
internal sealed class WriterTurns
{
    private readonly SemaphoreSlim _turns = new(1, 1);

    /// <summary>Told each time a turn is given on (the embedded store asks for a checkpoint then).</summary>
    public Action? Given { get; set; }

    /// <summary>Waits for the turn (cancellable while it waits); dispose the result to give it on.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken ct)
    {
        await _turns.WaitAsync(ct).ConfigureAwait(false);
        return new Turn(this);
    }

    private sealed class Turn(WriterTurns turns) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
                return;
            turns._turns.Release();
            turns.Given?.Invoke();
        }
    }
}
