using IntegrationHub.Host.Apis;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Security;
using IntegrationHub.Store;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Host.Dashboard.Pages;

/// <summary>The audit log, newest first, as <c>GET /api/v1/audit</c> pages it.</summary>
[DashboardAuthorize(HubPolicies.Operator)]
public sealed class AuditModel(ISupervisionStore store) : DashboardPage
{
    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Target { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public AuditPage Audit { get; private set; } = new([], null);

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (AuditApi.ReadQuery(Action, Target, Before, null, out var query) is { } invalid)
        {
            Problem = invalid.ProblemDetails.Detail;
            return;
        }

        Audit = await AuditApi.ReadPageAsync(store, query, ct).ConfigureAwait(false);
    }
}
