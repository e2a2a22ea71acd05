using System.Collections.Concurrent;
using IntegrationHub.Contracts;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Pipeline.Runs;

/// <summary>
/// What this process knows of the runs it executes: the store writer's <see cref="RunProgressed"/> notices wake the
/// runner at once. A notice can be lost (a store writer killed between its commit and the notice), so a waiter also
/// asks the store itself every <see cref="Backstop"/>: a backstop, not the mechanism.
/// </summary>
public sealed class RunProgress(IRunStore store, TimeProvider clock)
{
    public static readonly TimeSpan Backstop = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, Watch> _runs = new();

    public void Track(Guid runId) => _runs.TryAdd(runId, new Watch());

    public void Forget(Guid runId) => _runs.TryRemove(runId, out _);

    /// <summary>The last batch of the run known to be stored (-1 before the first): a batch after it may still be in flight.</summary>
    public int StoredThrough(Guid runId) => _runs.TryGetValue(runId, out var watch) ? watch.State.StoredThrough : -1;

    public void Observe(RunProgressed notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (_runs.TryGetValue(notice.RunId, out var watch))
            watch.Update(new RunState(notice.StoredThrough, RunStatuses.Parse(notice.Status), notice.Error));
    }

    /// <summary>
    /// Waits until the run's state satisfies <paramref name="done"/>; throws <see cref="TimeoutException"/> when the run
    /// made no progress at all for <paramref name="stall"/> (nothing stored, status unchanged).
    /// </summary>
    public async Task<RunState> WaitAsync(Guid runId, Func<RunState, bool> done, TimeSpan stall, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(done);
        var watch = _runs.GetOrAdd(runId, _ => new Watch());
        var lastProgress = clock.GetUtcNow();
        var seen = watch.State;
        while (true)
        {
            var changed = watch.Changed;
            var state = watch.State;
            if (done(state))
                return state;
            if (state != seen)
            {
                seen = state;
                lastProgress = clock.GetUtcNow();
            }
            else if (clock.GetUtcNow() - lastProgress > stall)
            {
                throw new TimeoutException($"Run {runId} made no progress for {stall}: no batch was stored (stored through {state.StoredThrough}); see the hub-store queues and their error queues.");
            }

            if (await Task.WhenAny(changed, Task.Delay(Backstop, clock, ct)).ConfigureAwait(false) != changed)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    if (await store.GetRunAsync(runId, ct).ConfigureAwait(false) is { } stored)
                        watch.Update(new RunState(stored.BatchesStored - 1, stored.Status, stored.Error));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store is unreachable for a moment (restarting, say). The backstop is not the mechanism: the
                    // store writer's retries carry on, its notices or the next read tell, and the stall limit still
                    // applies. Throwing here failed a run whose batches were all being stored.
                }
            }
        }
    }

    private sealed class Watch
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RunState State { get; private set; } = new(-1, RunStatus.Running, null);

        public Task Changed
        {
            get
            {
                lock (_gate)
                    return _changed.Task;
            }
        }

        /// <summary>Takes the newer of what is known and what is told: notices may arrive out of order.</summary>
        public void Update(RunState state)
        {
            TaskCompletionSource signal;
            lock (_gate)
            {
                var next = new RunState(
                    Math.Max(State.StoredThrough, state.StoredThrough),
                    State.IsRunning ? state.Status : State.Status,
                    State.Error ?? state.Error);
                if (next == State)
                    return;
                State = next;
                signal = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            signal.TrySetResult();
        }
    }
}
