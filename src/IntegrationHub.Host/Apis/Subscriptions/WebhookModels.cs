using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Apis.Subscriptions;

/// <summary>
/// A webhook endpoint to set: an absolute https URL (http only where the administrator allows it) and, optionally, how
/// many events one request may carry (1, the default, sends each event alone; more sends CloudEvents batches). Left out
/// when changing an endpoint, the count stays as it was.
/// </summary>
public sealed record WebhookRequest
{
    /// <summary>The most a subscriber may ask for in one request.</summary>
    public const int MaxEventsPerRequestLimit = 1000;

    public string? Url { get; init; }

    public int? MaxEventsPerRequest { get; init; }
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
    string? Secret,
    int MaxEventsPerRequest)
{
    public static WebhookEndpointView From(WebhookChannel channel, string? secret = null) => new(
        channel.Url,
        channel.Enabled,
        channel.DisabledReason,
        channel.DisabledAt,
        [.. channel.Secrets.Select(s => new WebhookSecretView(s.Id, s.CreatedAt, s.ExpiresAt))],
        secret,
        channel.MaxEventsPerRequest);
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
