namespace IntegrationHub.Mapping.Definition;

/// <summary>A map from a source system's code list to canonical values.</summary>
public sealed record CodeMap(string Name, IReadOnlyDictionary<string, string> Entries, UnknownCodePolicy Unknown);
