using System.Text.Json.Nodes;

namespace IntegrationHub.Api.Contracts;

/// <summary>A connector as the API shows it: secrets (the settings its kind's schema marks writeOnly) masked.</summary>
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

    /// <summary><c>file</c> (defined in the connectors folder, edited there) or <c>api</c> (registered through the API).</summary>
    public required string Origin { get; init; }

    /// <summary>The definition file, for connectors defined by a file.</summary>
    public string? File { get; init; }

    /// <summary>The source configuration; each secret shows as <c>********</c> (an <c>${ENV}</c> reference as written).</summary>
    public required JsonObject Source { get; init; }

    /// <summary>The mapping (only when one connector is asked for).</summary>
    public JsonObject? Mapping { get; init; }
}
