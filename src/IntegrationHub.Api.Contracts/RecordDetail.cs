using System.Text.Json.Nodes;

namespace IntegrationHub.Api.Contracts;

/// <summary>A golden record with the list of its versions (without their content).</summary>
public sealed record RecordDetail
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required string ContentHash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Set when every source deleted the case: the record is a tombstone, kept with its history.</summary>
    public DateTimeOffset? DeletedAt { get; init; }
    public required JsonObject Record { get; init; }
    public required IReadOnlyList<VersionSummary> History { get; init; }
}
