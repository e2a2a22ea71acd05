namespace IntegrationHub.Store.Model;

/// <summary>
/// Where a subscription's webhook stands in the change log (invariant 6): every change up to <see cref="Cursor"/> was
/// delivered (or lay outside the scope); the next one in scope is in flight with <see cref="Attempt"/> failed attempts
/// and is due at <see cref="NextAttemptAt"/>. <see cref="Generation"/> grows whenever an operator rewinds or resets it,
/// so that a delivery finishing at the same moment cannot overwrite the operator's change.
/// </summary>
public sealed record WebhookDeliveryState
{
    public required string SubscriptionId { get; init; }

    public required long Cursor { get; init; }

    /// <summary>Failed attempts of the event after <see cref="Cursor"/>; 0 when none failed.</summary>
    public int Attempt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public long Generation { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
