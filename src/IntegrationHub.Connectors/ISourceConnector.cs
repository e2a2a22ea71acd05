using IntegrationHub.Canonical.Validation;
using IntegrationHub.Connectors.Definitions;

namespace IntegrationHub.Connectors;

/// <summary>
/// A kind of source (sql, rest, file, process …), after Airbyte's spec / check / discover / read. It reads pages of raw
/// records from a checkpoint; it never maps or stores. Reading streams: memory holds one page, whatever the size of the
/// source. Reading has no side effect on the source (preview and check read too); what a connector does to its source
/// once records are safely stored (a file moved to <c>archive/</c>) happens in <see cref="OnRunFinishedAsync"/>.
/// Adding a kind is one class (derive from <see cref="SourceConnector"/>) plus its schema in <c>schemas/connectors/</c>.
/// </summary>
public interface ISourceConnector
{
    /// <summary>The name used in connector definitions: <c>sql</c>, <c>rest</c>, <c>file</c>, <c>process</c>.</summary>
    string Kind { get; }

    /// <summary>The JSON Schema of the connector's <c>source</c> section, and which settings are secrets.</summary>
    ConnectorSpec Spec { get; }

    /// <summary>
    /// Every problem of the connector's configuration that can be found without reaching the source: the stage
    /// <c>configuration</c> of <see cref="CheckAsync"/>, and what registration refuses.
    /// </summary>
    IReadOnlyList<ValidationIssue> ValidateConfiguration(ConnectorDefinition connector, ConnectorContext context);

    /// <summary>Reaches the source with the configuration, authenticates and reads one page; never throws for a source problem.</summary>
    Task<ConnectionCheck> CheckAsync(ConnectorDefinition connector, ConnectorContext context, CancellationToken ct);

    /// <summary>The fields seen in a sample of at most <paramref name="sampleSize"/> records from the start of the source.</summary>
    Task<DiscoveredFields> DiscoverAsync(ConnectorDefinition connector, ConnectorContext context, int sampleSize, CancellationToken ct);

    /// <summary>Pages after <paramref name="checkpoint"/> (null: from the beginning), each with the checkpoint that resumes after it.</summary>
    IAsyncEnumerable<SourcePage> ReadAsync(ConnectorDefinition connector, string? checkpoint, ConnectorContext context, CancellationToken ct);

    /// <summary>
    /// Called once a run has ended, with the checkpoint that is now durably stored (everything up to it is in the store
    /// or quarantine). The only place where a connector may change its source.
    /// </summary>
    Task OnRunFinishedAsync(ConnectorDefinition connector, RunFinished run, ConnectorContext context, CancellationToken ct);
}
