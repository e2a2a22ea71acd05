namespace IntegrationHub.Canonical.Model;

/// <summary>One penalty of a decision, with its amount in 元 where the type has one (fines, confiscations).</summary>
public sealed record Penalty
{
    public required PenaltyType Type { get; init; }
    public decimal? AmountYuan { get; init; }
    /// <summary>For suspension or revocation: the name and number of the licence concerned.</summary>
    public string? LicenseConcerned { get; init; }
}
