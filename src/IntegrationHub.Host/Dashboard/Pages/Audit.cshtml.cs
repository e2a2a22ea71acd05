using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Security;
using IntegrationHub.Host.UseCases;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Host.Dashboard.Pages;

/// <summary>The audit log, newest first, as <c>GET /api/v1/audit</c> pages it.</summary>
[DashboardAuthorize(HubPolicies.Operator)]
public sealed class AuditModel(AuditReading reading) : DashboardPage
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
        var outcome = await reading.ReadAsync(Action, Target, Before, null, ct).ConfigureAwait(false);
        if (outcome.Value is { } page)
            Audit = page;
        Problem = outcome.Problem?.Detail;
    }
}
