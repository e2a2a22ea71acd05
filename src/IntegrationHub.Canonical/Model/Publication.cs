namespace IntegrationHub.Canonical.Model;

/// <summary>行政执法公示 of the decision, and its withdrawal (撤回) where the decision was changed or revoked.</summary>
public sealed record Publication
{
    public DateOnly? PublishedOn { get; init; }
    public string? Url { get; init; }

    /// <summary>The day the published decision was changed, revoked, or confirmed unlawful or void: Art. 48's 3 working days run from it.</summary>
    public DateOnly? ChangedOn { get; init; }

    public DateOnly? WithdrawnOn { get; init; }
    public string? WithdrawalReason { get; init; }
}
