namespace IntegrationHub.Store.Leases;

/// <summary>Leases kept in the store, shared by every process of a cluster.</summary>
public interface ILeases
{
    /// <summary>Takes the lease when it is free or has expired (with a new token); null when another holder has it.</summary>
    Task<Lease?> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken ct);

    /// <summary>Extends a lease still held; null when it was lost (expired and taken, or released).</summary>
    Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken ct);

    /// <summary>Gives the lease up at once, so another process need not wait for it to expire.</summary>
    Task ReleaseAsync(Lease lease, CancellationToken ct);

    /// <summary>Every lease, held or expired: who does what in the cluster.</summary>
    Task<IReadOnlyList<Lease>> ListAsync(CancellationToken ct);
}
