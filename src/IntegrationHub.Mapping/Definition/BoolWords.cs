namespace IntegrationHub.Mapping.Definition;

public sealed record BoolWords(IReadOnlyList<string> True, IReadOnlyList<string> False);
