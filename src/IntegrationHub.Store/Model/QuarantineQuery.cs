namespace IntegrationHub.Store.Model;

public sealed record QuarantineQuery
{
    public string? ConnectorId { get; init; }

    /// <summary>Only these entries (for replaying a chosen few).</summary>
    public IReadOnlyList<long>? Ids { get; init; }
    public string? Rule { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    /// <summary>Only entries in this status; null = any status.</summary>
    public string? Status { get; init; } = "open";
    public long? After { get; init; }
    public int Limit { get; init; } = 100;
}
