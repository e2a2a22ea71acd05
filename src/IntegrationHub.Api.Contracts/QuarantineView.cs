using System.Text.Json.Nodes;

namespace IntegrationHub.Api.Contracts;

/// <summary>A quarantined source record: the payload as it came and every reason it was rejected.</summary>
public sealed record QuarantineView
{
    public required long Id { get; init; }
    public required string Connector { get; init; }
    public required string SourceKey { get; init; }
    public required Guid RunId { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset FirstSeenAt { get; init; }
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>The raw payload: a JSON object, or a JSON string when the source sent something else.</summary>
    public required JsonNode Raw { get; init; }

    public required IReadOnlyList<IssueView> Reasons { get; init; }
}
