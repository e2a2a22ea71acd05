using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors;

/// <summary>One page read from a source, and the checkpoint that resumes right after it.</summary>
public sealed record SourcePage(IReadOnlyList<JsonObject> Records, string? CheckpointAfter);
