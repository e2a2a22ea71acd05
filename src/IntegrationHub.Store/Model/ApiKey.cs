namespace IntegrationHub.Store.Model;

/// <summary>An API key as stored: never the key itself, only its SHA-256 and a prefix to recognise it by.</summary>
public sealed record ApiKey
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Role { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public required string Prefix { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>The subscription a subscriber key reads for; its scope bounds everything the key sees.</summary>
    public string? SubscriptionId { get; init; }

    /// <summary>The department a department-IT key manages; it may manage only that department's connectors.</summary>
    public string? Department { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }
}
