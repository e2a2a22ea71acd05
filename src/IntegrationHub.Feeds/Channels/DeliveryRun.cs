using IntegrationHub.Store.Model;

namespace IntegrationHub.Feeds.Channels;

/// <summary>
/// Consecutive delivery steps of one (subscription, channel) in this process, from a wake-up until caught up or waiting.
/// A step that delivered its page leaves the save of its cursor running and the next step starts from the position in
/// memory, so the save's wait for the store (SQLite's write lock, busy with sync batches) overlaps the next read and send
/// instead of adding to them. One save is under way at a time: a step's saves follow the one before, and a step does not
/// leave a new save before the previous one is done. If the process dies meanwhile, the events after the saved position
/// are sent again with their ids, as at-least-once delivery already allows. <see cref="EndAsync"/> waits for the last save.
/// </summary>
public sealed class DeliveryRun
{
    // The subscription as the run's steps saw it last (its Subscription.UpdatedAt).
    private DateTimeOffset? _subscriptionVersion;

    /// <summary>The cursor as the last step left it (its save may still be under way); null: read it from the store.</summary>
    internal DeliveryCursor? Cursor { get; private set; }

    /// <summary>The save of the last step's end, if one is under way or not yet awaited.</summary>
    internal Task<bool>? Saving { get; private set; }

    /// <summary>The next step starts from <paramref name="cursor"/>, which <paramref name="saving"/> writes.</summary>
    internal void Continue(DeliveryCursor cursor, Task<bool> saving)
    {
        Cursor = cursor;
        Saving = saving;
    }

    /// <summary>The next step reads the cursor from the store: this run's picture of it may be wrong (superseded, failed).</summary>
    internal void Forget() => Cursor = null;

    /// <summary>
    /// A subscription changed since the last step (its webhook removed and set again, its URL changed) may have a new
    /// cursor in the store, made afresh with the same generation: the step reads it rather than going on from memory.
    /// </summary>
    internal void Observe(Subscription subscription)
    {
        if (_subscriptionVersion is { } seen && seen != subscription.UpdatedAt)
            Forget();
        _subscriptionVersion = subscription.UpdatedAt;
    }

    /// <summary>
    /// Waits for the save under way. False when it found the cursor changed by someone else (an operator's rewind): the
    /// next step reads the store.
    /// </summary>
    internal async Task<bool> SavedAsync()
    {
        if (Saving is not { } saving)
            return true;
        Saving = null;
        if (await saving.ConfigureAwait(false))
            return true;
        Forget();
        return false;
    }

    /// <summary>Waits for the last save; its failure (the store unreachable) is thrown here.</summary>
    public Task EndAsync() => SavedAsync();
}
