namespace IntegrationHub.Canonical.Model;

/// <summary>执法主体: the agency that took the action.</summary>
public sealed record EnforcingAgency
{
    public required string Name { get; init; }
    public string? Uscc { get; init; }
    public string? RegionCode { get; init; }
    public AgencyLevel? Level { get; init; }
}
