namespace IntegrationHub.Store.Model;

/// <summary>A page of the audit log, newest first: entries with an id below <see cref="Before"/>.</summary>
public sealed record AuditQuery
{
    public string? Action { get; init; }
    public string? Target { get; init; }
    public long? Before { get; init; }
    public int Limit { get; init; } = 50;
}
