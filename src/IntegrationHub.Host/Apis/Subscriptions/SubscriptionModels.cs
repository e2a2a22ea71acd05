using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Apis.Subscriptions;

/// <summary>A new or replaced subscription, as an administrator sends it.</summary>
public sealed record SubscriptionRequest
{
    /// <summary>Lower-case letters, digits and hyphens (2–63); taken from the path on PUT.</summary>
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary><c>records</c> (default) or <c>credit-publicity</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>What the subscriber may see; required (an empty object grants everything, on purpose).</summary>
    public FeedScope? Scope { get; init; }

    /// <summary>An initial narrowing within the scope; the subscriber may change it later.</summary>
    public FeedScope? Filter { get; init; }

    /// <summary>Keep an AMQP queue for this subscriber.</summary>
    public bool Amqp { get; init; }
}

/// <summary>A subscription as the API shows it. <see cref="EffectiveScope"/> is what its keys receive (null: nothing).</summary>
public sealed record SubscriptionView(
    string Id,
    string Name,
    string Kind,
    FeedScope Scope,
    FeedScope Filter,
    FeedScope? EffectiveScope,
    bool Amqp,
    WebhookView? Webhook,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static SubscriptionView From(Subscription s) => new(
        s.Id, s.Name, s.Kind, s.Scope, s.Filter, s.EffectiveScope, s.Amqp,
        s.Webhook is { } w ? new WebhookView(w.Url, w.Enabled, w.DisabledReason, w.DisabledAt, w.Secrets.Count, w.MaxEventsPerRequest) : null,
        s.CreatedAt, s.UpdatedAt);
}

/// <summary>A subscription's webhook endpoint; its secrets are never shown again after they were issued.</summary>
public sealed record WebhookView(string Url, bool Enabled, string? DisabledReason, DateTimeOffset? DisabledAt, int Secrets, int MaxEventsPerRequest);

/// <summary>A new API key: name, scopes (a subset of feed:read, records:read, pii:read, webhooks:manage), optional expiry.</summary>
public sealed record KeyRequest
{
    public string? Name { get; init; }

    /// <summary>For <c>/keys</c> only: administrator, operator or department (subscriber keys belong to a subscription).</summary>
    public string? Role { get; init; }

    /// <summary>For a department key: the department whose connectors it manages (the connectors' "department").</summary>
    public string? Department { get; init; }

    public IReadOnlyList<string>? Scopes { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>An API key as listed: never the key, only its prefix.</summary>
public sealed record KeyView(
    string Id,
    string Name,
    string Role,
    IReadOnlyList<string> Scopes,
    string Prefix,
    string? SubscriptionId,
    string? Department,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public static KeyView From(ApiKey k) =>
        new(k.Id, k.Name, k.Role, k.Scopes, k.Prefix, k.SubscriptionId, k.Department, k.CreatedAt, k.ExpiresAt, k.LastUsedAt, k.RevokedAt);
}

/// <summary>A key just issued: <see cref="Key"/> is shown this once and cannot be retrieved later.</summary>
public sealed record IssuedKey(string Key, KeyView Details);
