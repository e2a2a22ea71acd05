namespace IntegrationHub.Canonical.Model;

/// <summary>The dates of the case, as calendar dates in China Standard Time.</summary>
public sealed record ActionDates
{
    /// <summary>立案 (case filed) or, for licensing, 受理 (application accepted).</summary>
    public DateOnly? Filed { get; init; }
    /// <summary>作出决定 (decision) or, for inspections, the inspection date.</summary>
    public DateOnly? Decided { get; init; }
    /// <summary>送达 (decision document delivered).</summary>
    public DateOnly? Delivered { get; init; }
    /// <summary>结案 (case closed).</summary>
    public DateOnly? Closed { get; init; }
}
