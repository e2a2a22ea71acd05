namespace IntegrationHub.Store.Model;

/// <summary>
/// A supervision system subscribed to the hub's changes: the scope an administrator granted it, the filter it chose
/// within that scope, and its channels. The pull feed is always available to its keys; a webhook endpoint and an AMQP
/// queue are optional.
/// </summary>
public sealed record Subscription
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary><see cref="SubscriptionKinds.Records"/> (canonical change events) or <see cref="SubscriptionKinds.CreditPublicity"/> (双公示 records).</summary>
    public string Kind { get; init; } = SubscriptionKinds.Records;

    /// <summary>Set by an administrator; the subscriber cannot change it.</summary>
    public required FeedScope Scope { get; init; }

    /// <summary>The subscriber's own narrowing, always within <see cref="Scope"/>.</summary>
    public FeedScope Filter { get; init; } = FeedScope.Everything;

    public WebhookChannel? Webhook { get; init; }

    /// <summary>Whether the hub keeps an AMQP queue for this subscriber.</summary>
    public bool Amqp { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>What the subscriber receives: the scope narrowed by its filter (null when the two exclude each other).</summary>
    public FeedScope? EffectiveScope => Scope.Narrow(Filter);
}

public static class SubscriptionKinds
{
    public const string Records = "records";
    public const string CreditPublicity = "credit-publicity";

    public static IReadOnlyList<string> All { get; } = [Records, CreditPublicity];
}

/// <summary>A webhook endpoint of a subscription.</summary>
public sealed record WebhookChannel
{
    public required string Url { get; init; }

    /// <summary>Signing secrets, newest first, each protected at rest by the host; all are used while rotating.</summary>
    public required IReadOnlyList<WebhookSecretEntry> Secrets { get; init; }

    /// <summary>False once the hub disabled the endpoint (410, or failing past the retry schedule) until re-enabled.</summary>
    public bool Enabled { get; init; } = true;

    public string? DisabledReason { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>
    /// Events per request, at most. 1 (the default): each request carries one event as a CloudEvents object. More: each
    /// request carries up to that many consecutive events as a CloudEvents batch (a JSON array), so a subscriber far away
    /// or behind a busy link receives more than one event per round trip.
    /// </summary>
    public int MaxEventsPerRequest { get; init; } = 1;
}

/// <summary>A webhook signing secret as stored: protected text, never the secret itself.</summary>
public sealed record WebhookSecretEntry
{
    public required string Id { get; init; }

    public required string Protected { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When an old secret stops being used for signing (set when a newer one replaces it).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
