using System.Globalization;
using IntegrationHub.Host.Security;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis;

/// <summary>Operator alerts: health changes that need attention, and recoveries, newest first.</summary>
public static class AlertsApi
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("alerts", ListAlerts)
            .WithTags("Alerts")
            .RequireAuthorization(HubPolicies.Operator)
            .WithName("ListAlerts")
            .WithSummary("Operator alerts, newest first")
            .WithDescription("Every change of a connector's health to failing, stale or drifted, and back to healthy, with the reason. Page with before=<id of the last alert seen>.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<OperatorAlert>>, ValidationProblem>> ListAlerts(
        string? limit, string? before, IAlertStore store, CancellationToken ct)
    {
        if (ApiProblems.ParseLimit(limit, DefaultLimit, MaxLimit, out var take) is { } invalidLimit)
            return invalidLimit;
        long? beforeId = null;
        if (!string.IsNullOrEmpty(before))
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                return ApiProblems.Invalid("before", before, "before.format", "must be the id of an alert (a non-negative integer).");
            beforeId = parsed;
        }

        return TypedResults.Ok(await store.ListOperatorAlertsAsync(take, beforeId, ct).ConfigureAwait(false));
    }
}
