namespace IntegrationHub.Store.Model;

/// <summary>
/// One administrative action: who (the API key's id and name) did what (action, target) when, through which channel
/// (<c>api</c> or <c>dashboard</c>), with a short detail.
/// </summary>
public sealed record AuditEntry
{
    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string ActorKeyId { get; init; }
    public required string ActorName { get; init; }

    /// <summary>A dotted verb such as <c>connector.register</c> or <c>quarantine.replay</c> (see <c>AuditActions</c>).</summary>
    public required string Action { get; init; }

    /// <summary>What was acted on: a connector id, or a quarantine selection.</summary>
    public required string Target { get; init; }

    public required string Via { get; init; }
    public string? Detail { get; init; }
}
