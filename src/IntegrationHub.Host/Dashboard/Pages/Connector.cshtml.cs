using IntegrationHub.Api.Contracts;
using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Security;
using IntegrationHub.Host.UseCases;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Host.Dashboard.Pages;

/// <summary>One connector: run history as charts, recent errors, drift, and run-now (the API's own run request).</summary>
[DashboardAuthorize(HubPolicies.Operator)]
public sealed class ConnectorModel(IConnectorRegistry registry, IRunStore store, TimeProvider clock) : DashboardPage
{
    public const int Runs = 30;

    public ConnectorDefinition? Connector { get; private set; }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<RunView> RunHistory { get; private set; } = [];

    public SourceDrift? LastDrift { get; private set; }

    public long OpenQuarantine { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        Connector = registry.Find(id);
        if (Connector is null)
            return NotFound();
        var now = clock.GetUtcNow();
        RunHistory = [.. (await store.ListRunsAsync(Connector.Id, Runs, ct).ConfigureAwait(false)).Select(r => RunView.From(r, now))];
        var summary = (await store.GetSyncSummaryAsync(ct).ConfigureAwait(false)).FirstOrDefault(s => s.ConnectorId == Connector.Id);
        LastDrift = summary?.LastDrift;
        OpenQuarantine = summary?.OpenQuarantine ?? 0;
        return Page();
    }

    public async Task<IActionResult> OnPostRunAsync(string id, [FromServices] ConnectorRuns runs, CancellationToken ct)
    {
        var outcome = await runs.StartAsync(Caller.Of(HttpContext), id, ct).ConfigureAwait(false);
        Message = outcome.Problem is { } problem ? Text.Problem + problem.Detail : Text.RunStarted;
        return RedirectToPage(new { id });
    }

    /// <summary>Oldest first, for the charts.</summary>
    public IReadOnlyList<RunView> Chronological => [.. RunHistory.Reverse()];

    public IReadOnlyList<string> RunLabels => [.. Chronological.Select(r => r.StartedAt.ToOffset(ChinaTime.Offset).ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))];
}
