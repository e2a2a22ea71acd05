namespace IntegrationHub.Connectors.Sql.Capture;

/// <summary>One connector's change capture as a log reader needs it: its options, the expanded connection string, the mapping's key fields.</summary>
/// <param name="SourceKeyFields">The fields the mapping identifies a record by: a deletion from the log must carry them.</param>
internal sealed record CaptureRead(string ConnectorId, SqlSourceOptions Options, string ConnectionString, IReadOnlyList<string> SourceKeyFields, ConnectorContext Context)
{
    public ChangeCaptureOptions Capture => Options.Capture!;

    public string Address => ConnectionStringSecrets.Describe(Options.Provider, ConnectionString);
}
