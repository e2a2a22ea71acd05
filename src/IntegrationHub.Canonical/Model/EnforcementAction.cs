namespace IntegrationHub.Canonical.Model;

/// <summary>
/// One administrative enforcement action (行政执法行为) in the canonical schema v1: a penalty decision, an inspection,
/// a licensing decision or any other of the ten categories of power. Mirrors schemas/enforcement-action.v1.schema.json.
/// </summary>
public sealed record EnforcementAction
{
    public const string SchemaVersion = "1";

    public string Schema { get; init; } = SchemaVersion;
    public required EnforcingAgency Agency { get; init; }
    public required ActionCategory Category { get; init; }
    public string? PowerItemCode { get; init; }
    public string? CaseName { get; init; }
    public string? CaseNumber { get; init; }
    public string? DecisionNumber { get; init; }
    public IReadOnlyList<Counterpart> Counterparts { get; init; } = [];
    public IReadOnlyList<Officer> Officers { get; init; } = [];
    public ActionDates Dates { get; init; } = new();
    public Procedure? Procedure { get; init; }
    public Violation? Violation { get; init; }
    public string? DecisionContent { get; init; }
    public IReadOnlyList<Penalty> Penalties { get; init; } = [];
    public License? License { get; init; }
    public IReadOnlyList<string> LegalBasis { get; init; } = [];
    public LegalReview? LegalReview { get; init; }
    public Hearing? Hearing { get; init; }
    public IReadOnlyList<Recording> Recordings { get; init; } = [];
    public Publication? Publication { get; init; }

    /// <summary>Lineage: every source that contributed to this record. Not part of the content hash.</summary>
    public IReadOnlyList<SourceLineage> Sources { get; init; } = [];
}
