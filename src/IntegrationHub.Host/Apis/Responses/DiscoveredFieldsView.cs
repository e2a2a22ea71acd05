using IntegrationHub.Connectors;

namespace IntegrationHub.Host.Apis.Responses;

/// <summary>The fields seen in a sample of the source, for writing a mapping.</summary>
public sealed record DiscoveredFieldsView(int SampledRecords, IReadOnlyList<DiscoveredField> Fields);
