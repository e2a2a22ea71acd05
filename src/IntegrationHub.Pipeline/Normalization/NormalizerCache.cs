using System.Runtime.CompilerServices;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Mapping;
using IntegrationHub.Mapping.Definition;

namespace IntegrationHub.Pipeline.Normalization;

/// <summary>
/// One normalizer per loaded mapping, built once: mappings are parsed at load, not per record. Keyed by the mapping
/// itself, so a connector whose mapping is replaced through the API gets a new normalizer at once, and the old one goes
/// with the old mapping.
/// </summary>
public sealed class NormalizerCache
{
    private readonly ConditionalWeakTable<MappingDefinition, RecordNormalizer> _normalizers = [];
    private readonly Lock _gate = new();

    public RecordNormalizer For(ConnectorDefinition connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        if (_normalizers.TryGetValue(connector.Mapping, out var normalizer))
            return normalizer;
        // Built once, by one thread: the normalizer readies its mapping's JSON values for use from every core.
        lock (_gate)
            return _normalizers.GetValue(connector.Mapping, mapping => new RecordNormalizer(mapping));
    }
}
