namespace IntegrationHub.Feeds;

/// <summary>
/// Wakes the change log's readers in this process when the store has committed something — the pull feed's long-poll and
/// the pushed channels' delivery — so that a change reaches a subscriber without waiting for the next look. The host
/// raises it on the store writer's notice after each commit, which every hub process hears. A notice can be lost (a
/// process killed between commit and notice), so every reader keeps its slower look as a backstop.
/// </summary>
public sealed class ChangeLogSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    /// <summary>Grows by one with every notice: a reader notes it before it looks, and waits for a later one.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
                return _version;
        }
    }

    /// <summary>Something was committed to the change log (or may have been).</summary>
    public void Notify()
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            _version++;
            fired = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
    }

    /// <summary>Completes at the first notice after <paramref name="seenVersion"/> (at once when there was one already).</summary>
    public Task After(long seenVersion)
    {
        lock (_gate)
            return _version != seenVersion ? Task.CompletedTask : _next.Task;
    }

    /// <summary>Waits for a notice after <paramref name="seenVersion"/>, at most <paramref name="timeout"/>; true when one came.</summary>
    public async Task<bool> WaitAsync(long seenVersion, TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        var notice = After(seenVersion);
        if (notice.IsCompleted || timeout <= TimeSpan.Zero)
            return notice.IsCompleted;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, clock, stop.Token);
        var first = await Task.WhenAny(notice, delay).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        return first == notice;
    }
}
