using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Mapping;

/// <summary>
/// The outcome of normalizing one source record: a canonical record with its content hash and warnings, or, when any
/// issue is an error, no record and every reason.
/// </summary>
public sealed record NormalizationResult(
    string SourceKey,
    string? SourceVersion,
    EnforcementAction? Record,
    string? ContentHash,
    JsonObject Mapped,
    IReadOnlyList<ValidationIssue> Issues)
{
    public bool IsValid => Record is not null;

    /// <summary>The record's canonical JSON without lineage, the very bytes <see cref="ContentHash"/> is taken over.</summary>
    public string? Content { get; init; }

    public IEnumerable<ValidationIssue> Errors => Issues.Where(i => i.Severity == IssueSeverity.Error);

    public IEnumerable<ValidationIssue> Warnings => Issues.Where(i => i.Severity == IssueSeverity.Warning);
}
