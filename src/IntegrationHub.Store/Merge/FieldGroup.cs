namespace IntegrationHub.Store.Merge;

/// <summary>
/// A group of top-level fields of the canonical record that a golden record takes together from one source: a
/// decision's penalties come from one system, never a fine from one and a confiscation from another.
/// </summary>
/// <param name="Name">The group's name in lineage and conflicts, such as <c>penalties</c>.</param>
/// <param name="Paths">The canonical JSON properties (camelCase) of the group.</param>
public sealed record FieldGroup(string Name, IReadOnlyList<string> Paths);
