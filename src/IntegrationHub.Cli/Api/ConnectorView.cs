using System.Text.Json.Nodes;

namespace IntegrationHub.Cli.Api;

/// <summary>A connector as the hub shows it: its source settings with secrets masked.</summary>
internal sealed record ConnectorView
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Department { get; init; }
    public required string Kind { get; init; }
    public bool Enabled { get; init; }
    public int Priority { get; init; }
    public ScheduleView? Schedule { get; init; }
    public int MappingVersion { get; init; }
    public string? SourceVersion { get; init; }

    /// <summary><c>file</c> (defined in the hub's connectors folder, edited there) or <c>api</c>.</summary>
    public string? Origin { get; init; }

    /// <summary>The definition file, for connectors defined by a file.</summary>
    public string? File { get; init; }

    /// <summary>The source settings; secrets show as <c>********</c>.</summary>
    public JsonObject? Source { get; init; }

    /// <summary>The mapping (only when one connector is asked for).</summary>
    public JsonObject? Mapping { get; init; }
}
