using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Apis.Subscriptions;

/// <summary>A webhook endpoint to set: an absolute https URL (http only where the administrator allows it).</summary>
public sealed record WebhookRequest
{
    public string? Url { get; init; }
}

/// <summary>
/// A subscription's webhook endpoint. <see cref="Secret"/> is present once: in the answer that generated it (first set,
/// rotation); the hub keeps it encrypted and never shows it again.
/// </summary>
public sealed record WebhookEndpointView(
    string Url,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? DisabledAt,
    IReadOnlyList<WebhookSecretView> Secrets,
    string? Secret)
{
    public static WebhookEndpointView From(WebhookChannel channel, string? secret = null) => new(
        channel.Url,
        channel.Enabled,
        channel.DisabledReason,
        channel.DisabledAt,
        [.. channel.Secrets.Select(s => new WebhookSecretView(s.Id, s.CreatedAt, s.ExpiresAt))],
        secret);
}

/// <summary>A signing secret without its value: when it was made and when it stops signing (null: not rotated out).</summary>
public sealed record WebhookSecretView(string Id, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>One attempt in the delivery log.</summary>
public sealed record WebhookDeliveryView(
    long Id,
    string EventId,
    long Seq,
    int Attempt,
    string Trigger,
    DateTimeOffset AttemptedAt,
    int? StatusCode,
    long LatencyMs,
    string? Response,
    string? Error,
    DateTimeOffset? NextAttemptAt)
{
    public static WebhookDeliveryView From(WebhookDelivery d) =>
        new(d.Id, d.EventId, d.Sequence, d.Attempt, d.Trigger, d.AttemptedAt, d.StatusCode, d.LatencyMilliseconds, d.Response, d.Error, d.NextAttemptAt);
}

/// <summary>A replay was scheduled: the webhook re-sends, in order, every event in scope from <see cref="FromSeq"/> on.</summary>
public sealed record WebhookReplayView(DateTimeOffset Since, long? FromSeq);
