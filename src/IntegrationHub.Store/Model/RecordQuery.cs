namespace IntegrationHub.Store.Model;

/// <summary>A page of golden records; filters are AND-ed. <see cref="After"/> is the last id of the previous page.</summary>
public sealed record RecordQuery
{
    public string? RegionPrefix { get; init; }
    public string? AgencyUscc { get; init; }
    public string? Category { get; init; }
    public string? After { get; init; }
    public int Limit { get; init; } = 100;

    /// <summary>The caller's scope (regions, agencies, categories); the event-type dimension does not apply to records.</summary>
    public FeedScope Scope { get; init; } = FeedScope.Everything;
}
