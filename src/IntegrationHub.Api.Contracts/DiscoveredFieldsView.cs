namespace IntegrationHub.Api.Contracts;

/// <summary>The fields seen in a sample of the source, for writing a mapping.</summary>
public sealed record DiscoveredFieldsView(int SampledRecords, IReadOnlyList<DiscoveredFieldView> Fields);

/// <summary>
/// One source field: the JSON types its values had (<c>string</c>, <c>number</c>, <c>boolean</c>, <c>object</c>,
/// <c>array</c>, <c>null</c>), in how many sampled records it was present, and a few distinct example values.
/// </summary>
public sealed record DiscoveredFieldView(string Name, IReadOnlyList<string> Types, int PresentIn, int NullIn, IReadOnlyList<string> Examples);
