namespace IntegrationHub.Store.Leases;

/// <summary>
/// The right of one process to do one job (run a connector, deliver the feed) for a while. <see cref="Token"/> grows
/// with every new holder: it fences a holder that lost the lease (a paused or partitioned worker) out of the store.
/// </summary>
public sealed record Lease(string Name, string Holder, long Token, DateTimeOffset ExpiresAt);
