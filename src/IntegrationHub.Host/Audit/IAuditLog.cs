namespace IntegrationHub.Host.Audit;

/// <summary>
/// Records administrative actions (who, what, when) for the audit log. The API and the dashboard call it after an
/// action succeeded; the actor is the signed-in API key of the request.
/// </summary>
public interface IAuditLog
{
    Task RecordAsync(HttpContext http, string action, string target, string? detail, CancellationToken ct);
}
