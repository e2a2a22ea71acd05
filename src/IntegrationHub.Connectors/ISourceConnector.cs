using IntegrationHub.Connectors.Definitions;

namespace IntegrationHub.Connectors;

/// <summary>
/// A kind of source (sql, rest, file …). It reads pages of raw records from a checkpoint; it never maps or stores. Reading
/// streams: memory holds one page, whatever the size of the source.
/// </summary>
public interface ISourceConnector
{
    string Kind { get; }

    IAsyncEnumerable<SourcePage> ReadAsync(ConnectorDefinition connector, string? checkpoint, ConnectorContext context, CancellationToken ct);
}
