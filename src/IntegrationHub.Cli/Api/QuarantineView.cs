using System.Text.Json.Nodes;

namespace IntegrationHub.Cli.Api;

/// <summary>A quarantined source record: the payload as it came and every reason it was rejected.</summary>
internal sealed record QuarantineView
{
    public required long Id { get; init; }
    public required string Connector { get; init; }
    public required string SourceKey { get; init; }
    public Guid RunId { get; init; }

    /// <summary><c>open</c> or <c>resolved</c>.</summary>
    public required string Status { get; init; }

    public DateTimeOffset FirstSeenAt { get; init; }
    public DateTimeOffset LastSeenAt { get; init; }

    /// <summary>A JSON object, or a JSON string when the source sent something else.</summary>
    public JsonNode? Raw { get; init; }

    public ValidationIssue[] Reasons { get; init; } = [];
}
