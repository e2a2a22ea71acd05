using System.Text.Json.Nodes;

namespace IntegrationHub.Api.Contracts;

/// <summary>What one source says for a field group in conflict, as canonical JSON; <see cref="Chosen"/> marks the value the record holds.</summary>
public sealed record ConflictValueView(string Connector, string SourceKey, long Priority, bool Chosen, JsonObject Value);
