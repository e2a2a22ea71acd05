namespace IntegrationHub.Store.Batches;

/// <summary>
/// A source record its run did not normalize again, claiming that the store holds its very input (<paramref name="InputHash"/>).
/// The writer counts it unchanged when its stored link says so, and refuses the batch when it does not.
/// </summary>
public sealed record UnchangedSourceRecord(string SourceKey, string InputHash);
