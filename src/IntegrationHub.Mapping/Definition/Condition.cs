namespace IntegrationHub.Mapping.Definition;

/// <summary>A rule applies only when this holds for the source record (<c>when</c>).</summary>
public sealed record Condition(string Field, IReadOnlyList<string>? AnyOf, bool? Exists);
