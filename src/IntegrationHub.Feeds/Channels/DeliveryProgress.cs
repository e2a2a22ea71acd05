using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Feeds.Channels;

/// <summary>
/// The cursor of one delivery step as the channel moves it. A channel that sends one event at a time may let the saving
/// of its successes wait (<see cref="Delivered"/>) and save several with one transaction (<see cref="FlushAsync"/>, or
/// with the next failure or the end of the page): if the process dies in between, those events are sent again with the
/// same ids, which is what at-least-once delivery already promises, and the store sees one write instead of many.
/// </summary>
public sealed class DeliveryProgress(IDeliveryCursors cursors, DeliveryCursor cursor, TimeProvider clock, Task<bool>? after = null)
{
    // The previous step's save, under way when this step began: this step's first save waits for it (saves apply in order).
    private Task<bool>? _after = after;

    private List<WebhookDelivery> _pending = [];
    private long? _pendingPosition;
    private bool _delivered;

    /// <summary>The cursor as last saved by this step.</summary>
    public DeliveryCursor Cursor { get; private set; } = cursor;

    /// <summary>
    /// An operator rewound or reset the cursor since the step read it (or another process moved it further): the step
    /// stops, and the next one starts from what the store holds.
    /// </summary>
    public bool Superseded { get; private set; }

    /// <summary>Failed attempts of the event after the cursor (none once this step delivered one, saved or not).</summary>
    public int FailedAttempts => _delivered ? 0 : Cursor.Attempt;

    /// <summary>Successes waiting to be saved.</summary>
    public int Pending => _pending.Count;

    /// <summary>Everything through <paramref name="sequence"/> is delivered; saved with the next save of this step.</summary>
    public void Delivered(long sequence, WebhookDelivery attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        _pending.Add(attempt);
        _pendingPosition = sequence;
        _delivered = true;
    }

    /// <summary>Saves the successes that wait. False when superseded.</summary>
    public Task<bool> FlushAsync(CancellationToken ct) =>
        _pendingPosition is { } position
            ? SaveAsync(Cursor with { Position = position, Attempt = 0, NextAttemptAt = null }, null, ct)
            : Task.FromResult(!Superseded);

    /// <summary>
    /// Everything through <paramref name="sequence"/> is delivered: the cursor moves there and its failed attempts are
    /// cleared; a webhook <paramref name="attempt"/> joins the delivery log in the same transaction. False when superseded.
    /// </summary>
    public Task<bool> DeliveredAsync(long sequence, WebhookDelivery? attempt, CancellationToken ct) =>
        SaveAsync(Cursor with { Position = Math.Max(sequence, _pendingPosition ?? sequence), Attempt = 0, NextAttemptAt = null }, attempt, ct);

    /// <summary>
    /// The event after the cursor (after the successes not saved yet) failed once more: its failed attempts grow by one
    /// and it is due again at <paramref name="retryAt"/> (null: not until an operator re-enables the channel). False when superseded.
    /// </summary>
    public Task<bool> FailedAsync(WebhookDelivery? attempt, DateTimeOffset? retryAt, CancellationToken ct) =>
        SaveAsync(Cursor with { Position = _pendingPosition ?? Cursor.Position, Attempt = FailedAttempts + 1, NextAttemptAt = retryAt }, attempt, ct);

    private async Task<bool> SaveAsync(DeliveryCursor next, WebhookDelivery? attempt, CancellationToken ct)
    {
        if (Superseded)
            return false;
        // Taken before anything is awaited: successes reported while this save waits or runs belong to the next one (the
        // channel sends on meanwhile, and its position is not this save's to clear).
        var attempts = _pending;
        _pending = [];
        _pendingPosition = null;
        if (attempt is not null)
            attempts.Add(attempt);
        if (_after is { } before)
        {
            // Its outcome is the run's to read (DeliveryRun); a rewind it ran into fails this save too.
            _after = null;
            await ((Task)before).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        next = next with { UpdatedAt = clock.GetUtcNow() };
        // Logged either way (the attempts happened); the cursor moved only when saved.
        var saved = await cursors.SaveAsync(next, attempts, ct).ConfigureAwait(false);
        if (!saved)
        {
            Superseded = true;
            return false;
        }

        Cursor = next;
        return true;
    }
}
