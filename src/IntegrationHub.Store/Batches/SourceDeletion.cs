namespace IntegrationHub.Store.Batches;

/// <summary>A record the source deleted, by its key.</summary>
/// <param name="Superseded">A later record of the same batch brings the key back: the deletion is counted, not applied.</param>
public sealed record SourceDeletion(string SourceKey, bool Superseded = false);
