using System.Text.Json.Nodes;

namespace IntegrationHub.Host.Apis.Responses;

/// <summary>A connector as the API shows it: its source settings without secrets.</summary>
public sealed record ConnectorView
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Department { get; init; }
    public required string Kind { get; init; }
    public required bool Enabled { get; init; }
    public required int Priority { get; init; }
    public required ScheduleView Schedule { get; init; }
    public required int MappingVersion { get; init; }
    public string? SourceVersion { get; init; }

    /// <summary>The source configuration without passwords, secrets, tokens or connection strings.</summary>
    public required JsonObject Source { get; init; }
}
