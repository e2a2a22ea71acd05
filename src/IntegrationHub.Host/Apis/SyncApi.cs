using IntegrationHub.Api.Contracts;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Security;
using IntegrationHub.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis;

/// <summary>How every connector's synchronisation is doing.</summary>
public static class SyncApi
{
    public static IEndpointRouteBuilder MapSyncApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("sync")
            .WithTags("Sync")
            .RequireAuthorization(HubPolicies.Operator);

        api.MapGet("/summary", GetSummary)
            .WithName("GetSyncSummary")
            .WithSummary("Sync status of every connector")
            .WithDescription("Per registered connector: its last run with counts, its last successful run, open quarantine entries and how many source records it has contributed. Connectors that never ran are listed with no last run.");

        return app;
    }

    public static async Task<Ok<ConnectorSyncView[]>> GetSummary(
        IConnectorRegistry registry,
        IRunStore store,
        TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var summaries = (await store.GetSyncSummaryAsync(ct).ConfigureAwait(false))
            .ToDictionary(s => s.ConnectorId, StringComparer.Ordinal);

        var views = registry.All
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(connector =>
            {
                var summary = summaries.GetValueOrDefault(connector.Id);
                return new ConnectorSyncView
                {
                    Id = connector.Id,
                    Name = connector.Name,
                    Department = connector.Department,
                    Enabled = connector.Enabled,
                    LastRun = summary?.LastRun is { } run ? RunView.From(run, now) : null,
                    LastSuccessAt = summary?.LastSuccessAt,
                    OpenQuarantine = summary?.OpenQuarantine ?? 0,
                    SourceRecords = summary?.SourceRecords ?? 0,
                    LastDrift = SourceDriftView.From(summary?.LastDrift),
                };
            })
            .ToArray();
        return TypedResults.Ok(views);
    }
}
