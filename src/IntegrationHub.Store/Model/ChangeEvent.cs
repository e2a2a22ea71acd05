namespace IntegrationHub.Store.Model;

/// <summary>An entry of the change log (our transactional outbox): one new version of one golden record.</summary>
public sealed record ChangeEvent
{
    public required long Sequence { get; init; }
    public required string EventId { get; init; }
    public required string RecordId { get; init; }
    public required int Version { get; init; }
    public required string Type { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public string? RegionCode { get; init; }
    public string? AgencyUscc { get; init; }
    public string? Category { get; init; }
    public required string Content { get; init; }

    /// <summary>The W3C traceparent of the batch commit that made the change, so deliveries join that trace.</summary>
    public string? TraceParent { get; init; }
}
