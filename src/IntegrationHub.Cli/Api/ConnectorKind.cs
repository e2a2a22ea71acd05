using System.Text.Json.Nodes;

namespace IntegrationHub.Cli.Api;

/// <summary>A kind of source the hub can read, with the JSON Schema of its <c>source</c> settings.</summary>
internal sealed record ConnectorKind
{
    public required string Kind { get; init; }
    public JsonObject? Schema { get; init; }

    /// <summary>Settings the hub never shows back (passwords, connection strings).</summary>
    public string[] Secrets { get; init; } = [];
}
