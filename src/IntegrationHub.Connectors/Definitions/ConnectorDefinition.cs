using System.Text.Json.Nodes;
using IntegrationHub.Mapping.Definition;

namespace IntegrationHub.Connectors.Definitions;

/// <summary>
/// A registered connector: which source it reads (kind + source configuration), when, how its records map to the
/// canonical model, and how much its values count when several sources describe the same case (priority).
/// </summary>
public sealed record ConnectorDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Department { get; init; }
    public required string Kind { get; init; }
    public bool Enabled { get; init; } = true;
    public int Priority { get; init; }
    public ConnectorSchedule Schedule { get; init; } = ConnectorSchedule.Manual;
    public required JsonObject Source { get; init; }
    public required MappingDefinition Mapping { get; init; }
    /// <summary>The definition as JSON, with the mapping inline (what the API shows, secrets masked).</summary>
    public JsonObject? Document { get; init; }

    /// <summary>Where the definition was loaded from, for messages.</summary>
    public string? Origin { get; init; }
}
