namespace IntegrationHub.Contracts;

/// <summary>Command: send a connector's open quarantine entries (all, or the chosen ones) through the pipeline again.</summary>
public sealed record ReplayQuarantine
{
    public required string ConnectorId { get; init; }
    public IReadOnlyList<long>? EntryIds { get; init; }
    public string? Rule { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
}
