namespace IntegrationHub.Connectors.Definitions;

/// <summary>
/// The connectors defined as <c>*.connector.json</c> files in a folder, loaded once at start. A broken file stops the
/// start with a message naming the file and the setting: a half-loaded set of connectors would sync silently less.
/// </summary>
public sealed class FileConnectorRegistry : IConnectorRegistry
{
    private readonly Dictionary<string, ConnectorDefinition> _byId;

    public FileConnectorRegistry(string directory, Func<ConnectorDefinition, bool>? include = null)
    {
        _byId = new Dictionary<string, ConnectorDefinition>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            All = [];
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.connector.json").Order(StringComparer.Ordinal))
        {
            var definition = ConnectorDefinitionParser.ParseFile(file);
            if (include is not null && !include(definition))
                continue;
            if (!_byId.TryAdd(definition.Id, definition))
                throw new ConnectorDefinitionException(file, "id", $"'{definition.Id}' is already defined by {_byId[definition.Id].Origin}.");
        }

        All = _byId.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<ConnectorDefinition> All { get; }

    public ConnectorDefinition? Find(string id) => _byId.GetValueOrDefault(id);
}
