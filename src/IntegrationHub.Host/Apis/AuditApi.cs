using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Security;
using IntegrationHub.Host.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis;

/// <summary>The audit log of administrative actions: who registered, changed, ran or replayed what, and when.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("audit", ListAudit)
            .WithTags("Audit")
            .RequireAuthorization(HubPolicies.Operator)
            .WithName("ListAudit")
            .WithSummary("List administrative actions")
            .WithDescription("Connector registrations, changes, removals, switches, runs, backfills and quarantine replays, through the API or the dashboard, newest first, with the key that did them. Filter by action and target; page with before = the previous page's next.");
        return app;
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListAudit(
        string? action, string? target, string? before, string? limit, AuditReading reading, CancellationToken ct)
    {
        var outcome = await reading.ReadAsync(action, target, before, limit, ct).ConfigureAwait(false);
        return outcome.Value is { } page ? TypedResults.Ok(page) : ApiProblems.Validation(outcome.Problem!);
    }
}
