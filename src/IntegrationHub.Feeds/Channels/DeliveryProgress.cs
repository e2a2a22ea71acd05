using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Feeds.Channels;

/// <summary>
/// How a sink reports, during one step, what it delivered or what failed: every report is saved to the cursor table at
/// once (conditional on the cursor's generation, never backwards), so a process that dies after a report loses nothing
/// and one that dies before it has the events delivered again with the same ids.
/// </summary>
public sealed class DeliveryProgress(IDeliveryCursors cursors, DeliveryCursor cursor, TimeProvider clock)
{
    /// <summary>The cursor as last saved by this step.</summary>
    public DeliveryCursor Cursor { get; private set; } = cursor;

    /// <summary>
    /// An operator rewound or reset the cursor since the step read it (or another process moved it further): the step
    /// stops, and the next one starts from what the store holds.
    /// </summary>
    public bool Superseded { get; private set; }

    /// <summary>
    /// Everything through <paramref name="sequence"/> is delivered: the cursor moves there and its failed attempts are
    /// cleared; a webhook <paramref name="attempt"/> joins the delivery log in the same transaction. False when superseded.
    /// </summary>
    public Task<bool> DeliveredAsync(long sequence, WebhookDelivery? attempt, CancellationToken ct) =>
        SaveAsync(Cursor with { Position = sequence, Attempt = 0, NextAttemptAt = null }, attempt, ct);

    /// <summary>
    /// The event after the cursor failed once more: its failed attempts grow by one and it is due again at
    /// <paramref name="retryAt"/> (null: not until an operator re-enables the channel). False when superseded.
    /// </summary>
    public Task<bool> FailedAsync(WebhookDelivery? attempt, DateTimeOffset? retryAt, CancellationToken ct) =>
        SaveAsync(Cursor with { Attempt = Cursor.Attempt + 1, NextAttemptAt = retryAt }, attempt, ct);

    private async Task<bool> SaveAsync(DeliveryCursor next, WebhookDelivery? attempt, CancellationToken ct)
    {
        if (Superseded)
            return false;
        next = next with { UpdatedAt = clock.GetUtcNow() };
        if (!await cursors.SaveAsync(next, attempt, ct).ConfigureAwait(false))
        {
            Superseded = true;
            return false;
        }

        Cursor = next;
        return true;
    }
}
