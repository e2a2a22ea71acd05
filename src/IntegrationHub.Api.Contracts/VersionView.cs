using System.Text.Json.Nodes;

namespace IntegrationHub.Api.Contracts;

/// <summary>One version of a golden record with its full canonical content.</summary>
public sealed record VersionView(
    int Version,
    string ChangeKind,
    string Connector,
    DateTimeOffset ChangedAt,
    string ContentHash,
    JsonObject Record);
