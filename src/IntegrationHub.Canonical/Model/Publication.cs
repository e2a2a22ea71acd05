namespace IntegrationHub.Canonical.Model;

/// <summary>行政执法公示 of the decision, and its withdrawal (撤回) where the decision was changed or revoked.</summary>
public sealed record Publication
{
    public DateOnly? PublishedOn { get; init; }
    public string? Url { get; init; }
    public DateOnly? WithdrawnOn { get; init; }
    public string? WithdrawalReason { get; init; }
}
