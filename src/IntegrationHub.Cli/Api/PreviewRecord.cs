using System.Text.Json.Nodes;

namespace IntegrationHub.Cli.Api;

/// <summary>One sampled source record and what the mapping made of it.</summary>
internal sealed record PreviewRecord
{
    public string? SourceKey { get; init; }

    /// <summary><c>accepted</c>, <c>rejected</c> or <c>deleted</c>.</summary>
    public required string Status { get; init; }

    public JsonNode? Record { get; init; }
    public JsonNode? Raw { get; init; }
    public ValidationIssue[] Issues { get; init; } = [];
}
