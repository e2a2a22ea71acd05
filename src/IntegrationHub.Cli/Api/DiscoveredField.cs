using System.Text.Json.Nodes;

namespace IntegrationHub.Cli.Api;

/// <summary>One field seen in a source sample: its JSON types, how often it is present or null, and a few values.</summary>
internal sealed record DiscoveredField
{
    public required string Name { get; init; }
    public string[] Types { get; init; } = [];
    public int PresentIn { get; init; }
    public int NullIn { get; init; }
    public JsonArray? Examples { get; init; }
}
