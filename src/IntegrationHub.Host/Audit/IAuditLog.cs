using IntegrationHub.Host.UseCases;

namespace IntegrationHub.Host.Audit;

/// <summary>
/// Records administrative actions (who, what, when, through what) for the audit log. Use cases record their own action
/// once it succeeded; endpoints that are no use case of their own declare theirs (<see cref="AuditedEndpoints"/>).
/// </summary>
public interface IAuditLog
{
    Task RecordAsync(Caller caller, string action, string target, string? detail, CancellationToken ct);

    /// <summary>The same, for the caller of a request.</summary>
    Task RecordAsync(HttpContext http, string action, string target, string? detail, CancellationToken ct) =>
        RecordAsync(Caller.Of(http), action, target, detail, ct);
}
