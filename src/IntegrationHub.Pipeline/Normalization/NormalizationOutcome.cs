using IntegrationHub.Contracts;

namespace IntegrationHub.Pipeline.Normalization;

/// <summary>What normalization made of one raw record.</summary>
public abstract record NormalizationOutcome
{
    private NormalizationOutcome()
    {
    }

    public sealed record Accepted(NormalizedRecord Record) : NormalizationOutcome;

    public sealed record Rejected(RejectedRecord Record) : NormalizationOutcome;

    public sealed record Deleted(DeletedRecord Record) : NormalizationOutcome;

    /// <summary>Not normalized: the store already holds what this very input gives.</summary>
    public sealed record Unchanged(UnchangedRecord Record) : NormalizationOutcome;
}
