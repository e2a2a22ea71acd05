using System.Text.Json.Nodes;

namespace IntegrationHub.Api.Contracts;

/// <summary>A golden record at its current version; <see cref="Record"/> is the canonical JSON with its lineage.</summary>
public sealed record RecordView
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required string ContentHash { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Set when every source deleted the case: the record is a tombstone, kept with its history.</summary>
    public DateTimeOffset? DeletedAt { get; init; }
    public required JsonObject Record { get; init; }
}
