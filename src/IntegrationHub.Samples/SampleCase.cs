using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Samples;

/// <summary>
/// One real-world case, independent of how a department stores it. The department row builders render it in their
/// own shape; a shared case is rendered by both.
/// </summary>
internal sealed class SampleCase
{
    public required ActionCategory Category { get; init; }
    public required SampleAgency Agency { get; init; }

    /// <summary>Document number before the year bracket, e.g. "雁塔市监处罚".</summary>
    public required string NumberPrefix { get; init; }
    public required int NumberYear { get; init; }
    public required int NumberSequence { get; init; }
    public string? CaseNumber { get; init; }
    public required string CaseName { get; init; }
    public required SampleParty Party { get; init; }
    public required IReadOnlyList<SampleOfficer> Officers { get; init; }
    public DateOnly? Filed { get; init; }
    public required DateOnly Decided { get; init; }
    public DateOnly? Delivered { get; init; }
    public DateOnly? Closed { get; init; }
    public DateOnly? Published { get; init; }
    public Procedure? Procedure { get; init; }
    public string? ViolationType { get; init; }
    public required string Facts { get; init; }
    public required IReadOnlyList<string> LegalBasis { get; init; }
    public IReadOnlyList<PenaltyType> Penalties { get; init; } = [];
    public decimal? Fine { get; init; }
    /// <summary>没收违法所得, 元.</summary>
    public decimal? Confiscated { get; init; }
    /// <summary>Value of the 没收非法财物, 元.</summary>
    public decimal? ConfiscatedProperty { get; init; }
    public required string DecisionContent { get; init; }
    public bool Major { get; init; }
    public string? Reviewer { get; init; }
    public DateOnly? ReviewDate { get; init; }
    public bool? ReviewPassed { get; init; }

    /// <summary>The decision number with the given year brackets: "雁塔市监处罚〔2024〕12号".</summary>
    public string DecisionNumber(string open = "〔", string close = "〕") =>
        $"{NumberPrefix}{open}{NumberYear}{close}{NumberSequence}号";

    /// <summary>Ground-truth identity: agency USCC | decision number in 〔〕 form.</summary>
    public string Identity => Agency.Uscc + "|" + DecisionNumber();
}
