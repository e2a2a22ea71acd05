using System.Text.Json.Nodes;

namespace IntegrationHub.Api.Contracts;

/// <summary>A connector kind: the JSON Schema of its <c>source</c> section and which settings are secrets.</summary>
public sealed record ConnectorKindView(string Kind, JsonObject Schema, IReadOnlyList<string> Secrets);
