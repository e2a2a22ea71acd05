namespace IntegrationHub.Operations;

/// <summary>How one subscription is doing: a state, why, and each channel's position and backlog.</summary>
public sealed record SubscriptionHealth
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }

    /// <summary><c>healthy</c>, <c>lagging</c>, <c>failing</c> or <c>disabled</c> (<see cref="SubscriptionHealthStates"/>).</summary>
    public required string State { get; init; }

    /// <summary>Why the subscription is in its state, in English.</summary>
    public required string Reason { get; init; }

    /// <summary>The same, in Chinese.</summary>
    public required string ReasonZh { get; init; }

    /// <summary>Events in scope not yet delivered, summed over the channels in use.</summary>
    public required long Backlog { get; init; }

    public required IReadOnlyList<ChannelHealth> Channels { get; init; }
}

/// <summary>
/// One channel of a subscription: <c>pull</c> (the cursor its reader last sent), <c>webhook</c> or <c>amqp</c> (the hub's
/// delivery cursor). <see cref="OldestPendingAt"/> is when the oldest undelivered event in scope happened.
/// </summary>
public sealed record ChannelHealth
{
    public required string Channel { get; init; }
    public required long Position { get; init; }
    public required long Backlog { get; init; }
    public DateTimeOffset? OldestPendingAt { get; init; }

    /// <summary>Pull: when the reader last asked. Webhook: when the last attempt was made.</summary>
    public DateTimeOffset? LastActivityAt { get; init; }

    /// <summary>Webhook only: the share of the recent attempts (up to 100) that succeeded; null before any.</summary>
    public double? DeliverySuccessRate { get; init; }

    /// <summary>Webhook only: false once the hub disabled the endpoint.</summary>
    public bool? Enabled { get; init; }

    /// <summary>Webhook only: failed attempts of the event now in flight, and when the next is due.</summary>
    public int? FailedAttempts { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }
}

/// <summary>The health states of a subscription, as the API, the alerts and the dashboard spell them (docs/operations.md).</summary>
public static class SubscriptionHealthStates
{
    public const string Healthy = "healthy";
    public const string Lagging = "lagging";
    public const string Failing = "failing";
    public const string Disabled = "disabled";

    /// <summary>States whose arrival alerts the operators; leaving them for <see cref="Healthy"/> alerts too.</summary>
    public static bool NeedsAttention(string state) => state is Lagging or Failing or Disabled;

    /// <summary>The value of the <c>hub.subscription.health</c> gauge: 0 healthy, 1 lagging, 2 failing, 3 disabled.</summary>
    public static int Severity(string state) => state switch
    {
        Lagging => 1,
        Failing => 2,
        Disabled => 3,
        _ => 0,
    };
}
