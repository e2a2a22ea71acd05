namespace IntegrationHub.Store.Model;

/// <summary>
/// Where a subscription stands on one channel (invariant 6): every change up to <see cref="Position"/> was delivered (or
/// lay outside the scope). The next one in scope is in flight with <see cref="Attempt"/> failed attempts and is due at
/// <see cref="NextAttemptAt"/> (webhooks retry; other channels leave both at rest). <see cref="Generation"/> grows
/// whenever an operator rewinds or resets the cursor, so that a delivery finishing at the same moment cannot overwrite
/// the operator's change.
/// </summary>
public sealed record DeliveryCursor
{
    public required string SubscriptionId { get; init; }

    /// <summary>One of <see cref="DeliveryChannels"/>.</summary>
    public required string Channel { get; init; }

    public required long Position { get; init; }

    /// <summary>Failed attempts of the event after <see cref="Position"/>; 0 when none failed.</summary>
    public int Attempt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public long Generation { get; init; }

    /// <summary>When the cursor last changed (for the pull channel: when the reader last asked).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
