namespace IntegrationHub.Api.Contracts;

/// <summary>The conflict log of a golden record: open and resolved disagreements between its sources, per field group.</summary>
public sealed record RecordConflicts(string Id, IReadOnlyList<ConflictView> Conflicts);
