using System.Security.Claims;
using IntegrationHub.Host.Apis;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Audit;

/// <summary>The audit log kept in the store's <c>audit_log</c> table.</summary>
public sealed class StoreAuditLog(ISupervisionStore store, TimeProvider clock) : IAuditLog
{
    public const string ViaApi = "api";
    public const string ViaDashboard = "dashboard";

    public async Task RecordAsync(HttpContext http, string action, string target, string? detail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        var user = http.User;
        await store.AppendAuditAsync(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorKeyId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous",
            ActorName = user.FindFirstValue(ClaimTypes.Name) ?? "anonymous",
            Action = action,
            Target = target,
            Via = http.Request.Path.StartsWithSegments(HubApis.Prefix, StringComparison.OrdinalIgnoreCase) ? ViaApi : ViaDashboard,
            Detail = detail,
        }, ct).ConfigureAwait(false);
    }
}
