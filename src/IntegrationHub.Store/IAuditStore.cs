using IntegrationHub.Store.Model;

namespace IntegrationHub.Store;

/// <summary>The audit log of administrative actions, appended by the use cases and read by auditors.</summary>
public interface IAuditStore
{
    /// <summary>Records one administrative action; returns its id.</summary>
    Task<long> AppendAuditAsync(AuditEntry entry, CancellationToken ct);

    /// <summary>A page of the audit log, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken ct);
}
