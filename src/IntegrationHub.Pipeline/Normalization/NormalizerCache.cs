using System.Collections.Concurrent;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Mapping;

namespace IntegrationHub.Pipeline.Normalization;

/// <summary>One normalizer per connector and mapping version, built once: mappings are parsed at load, not per record.</summary>
public sealed class NormalizerCache
{
    private readonly ConcurrentDictionary<(string, int), RecordNormalizer> _normalizers = new();

    public RecordNormalizer For(ConnectorDefinition connector) =>
        _normalizers.GetOrAdd((connector.Id, connector.Mapping.Version), _ => new RecordNormalizer(connector.Mapping));
}
