using IntegrationHub.Host.UseCases;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Audit;

/// <summary>The audit log kept in the store's <c>audit_log</c> table.</summary>
public sealed class StoreAuditLog(IAuditStore store, TimeProvider clock) : IAuditLog
{
    public async Task RecordAsync(Caller caller, string action, string target, string? detail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await store.AppendAuditAsync(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorKeyId = caller.KeyId,
            ActorName = caller.Name,
            Action = action,
            Target = target,
            Via = caller.Via,
            Detail = detail,
        }, ct).ConfigureAwait(false);
    }
}
