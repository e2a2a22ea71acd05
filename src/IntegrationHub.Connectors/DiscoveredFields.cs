namespace IntegrationHub.Connectors;

/// <summary>The fields seen in a sample of a source: what a mapping can use.</summary>
public sealed record DiscoveredFields(int SampledRecords, IReadOnlyList<DiscoveredField> Fields);

/// <summary>
/// One source field: the JSON types its values had (<c>string</c>, <c>number</c>, <c>boolean</c>, <c>object</c>,
/// <c>array</c>, <c>null</c>), in how many sampled records it was present, and a few distinct example values.
/// </summary>
public sealed record DiscoveredField(string Name, IReadOnlyList<string> Types, int PresentIn, int NullIn, IReadOnlyList<string> Examples);
