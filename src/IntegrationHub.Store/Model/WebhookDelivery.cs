namespace IntegrationHub.Store.Model;

/// <summary>One attempt to deliver one event to a subscription's webhook, as the delivery log shows it.</summary>
public sealed record WebhookDelivery
{
    public long Id { get; init; }

    public required string SubscriptionId { get; init; }

    /// <summary>The event id, sent as <c>webhook-id</c>: the same on every attempt of the event.</summary>
    public required string EventId { get; init; }

    public required long Sequence { get; init; }

    /// <summary>1 for the first attempt of the event, counting up on retries (redeliveries and replays count anew).</summary>
    public required int Attempt { get; init; }

    /// <summary><see cref="WebhookDeliveryTriggers"/>: the dispatcher's own delivery, a manual redelivery, or a replay.</summary>
    public required string Trigger { get; init; }

    public required DateTimeOffset AttemptedAt { get; init; }

    /// <summary>The receiver's HTTP status; null when no answer came (refused, unreachable, timed out).</summary>
    public int? StatusCode { get; init; }

    public required long LatencyMilliseconds { get; init; }

    /// <summary>The start of the receiver's answer, at most 1 KB.</summary>
    public string? Response { get; init; }

    public string? Error { get; init; }

    /// <summary>When the event is tried again; null after success or when no retry follows.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public bool Succeeded => StatusCode is >= 200 and < 300;
}

public static class WebhookDeliveryTriggers
{
    public const string Dispatch = "dispatch";
    public const string Redeliver = "redeliver";
}
