namespace IntegrationHub.Canonical.Model;

/// <summary>重大执法决定法制审核: whether review was required and its outcome.</summary>
public sealed record LegalReview
{
    public required bool Required { get; init; }
    public string? Reviewer { get; init; }
    public DateOnly? Date { get; init; }
    public string? Opinion { get; init; }
    public bool? Passed { get; init; }
}
