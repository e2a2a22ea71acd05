using System.Diagnostics;

namespace IntegrationHub.Store.Sql;

/// <summary>
/// The process's turns to write a store that has one writer (SQLite): one at a time, in the order they were asked for;
/// a turn is given on when disposed, once. Shared by every write of the store, the batch writer's included.
/// <para>
/// A background writer (the assessment projector: a projection that may lag and catch up) asks with
/// <see cref="TakeInBackgroundAsync"/>: it takes the turn only when it is free and no other writer is waiting for it,
/// so that a sync's batches and the feeds' cursors do not queue behind a projection step — but never waits more than
/// its yield limit that way; after it, it queues like any writer, so that a busy store still moves its projection.
/// </para>
/// </summary>
internal sealed class WriterTurns
{
    private readonly SemaphoreSlim _turns = new(1, 1);

    // Writers waiting in order for the turn (a background writer past its yield limit among them); a background writer
    // yields while there is one. A waiter cancelled while the turn is free leaves without a turn given on: a background
    // writer then looks again at its limit at the latest.
    private int _waiting;

    /// <summary>The longest a background writer may yield (<see cref="TakeInBackgroundAsync"/>).</summary>
    public static readonly TimeSpan LongestYield = TimeSpan.FromHours(1);

    // Completed, and replaced, each time the turn is given on: a yielding background writer looks again then.
    private TaskCompletionSource _given = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Told each time a turn is given on (the embedded store asks for a checkpoint then).</summary>
    public Action? Given { get; set; }

    /// <summary>Writers waiting in order for the turn now.</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for the turn (cancellable while it waits); dispose the result to give it on.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _turns.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return new Turn(this);
    }

    /// <summary>
    /// Waits for a moment when the turn is free and no other writer waits for it, at most <paramref name="yieldAtMost"/>;
    /// then waits for the turn in order like any writer. Dispose the result to give it on.
    /// </summary>
    public async Task<IDisposable> TakeInBackgroundAsync(TimeSpan yieldAtMost, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(yieldAtMost, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(yieldAtMost, LongestYield);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            // Read before looking, so that a turn given on after the look still wakes this writer.
            var given = Volatile.Read(ref _given).Task;
            if (Volatile.Read(ref _waiting) == 0 && _turns.Wait(0, CancellationToken.None))
                return new Turn(this);
            var left = yieldAtMost - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
                break;
            try
            {
                await given.WaitAsync(left, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                break;
            }
        }

        return await TakeAsync(ct).ConfigureAwait(false);
    }

    private void GiveOn()
    {
        _turns.Release();
        Interlocked.Exchange(ref _given, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        Given?.Invoke();
    }

    private sealed class Turn(WriterTurns turns) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
                return;
            turns.GiveOn();
        }
    }
}
