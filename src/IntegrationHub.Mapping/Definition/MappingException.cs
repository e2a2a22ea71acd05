namespace IntegrationHub.Mapping.Definition;

/// <summary>A mapping document that cannot be used, with the JSON path of the offending key.</summary>
public sealed class MappingException(string path, string message) : Exception($"{path}: {message}")
{
    public string Path { get; } = path;
}
