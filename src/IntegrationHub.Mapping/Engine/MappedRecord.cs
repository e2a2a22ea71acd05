using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Mapping.Engine;

/// <summary>The canonical JSON a mapping produced for one source record, with the problems met on the way.</summary>
public sealed record MappedRecord(string SourceKey, string? SourceVersion, JsonObject Output, IReadOnlyList<ValidationIssue> Issues);
