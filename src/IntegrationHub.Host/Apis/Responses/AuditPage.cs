using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Apis.Responses;

/// <summary>A page of the audit log, newest first; <see cref="Next"/> is the <c>before</c> of the next page (null at the end).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Data, long? Next);
