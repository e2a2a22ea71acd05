using System.Globalization;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Audit;
using IntegrationHub.Host.Security;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis;

/// <summary>The audit log of administrative actions: who registered, changed, ran or replayed what, and when.</summary>
public static class AuditApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

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
        string? action, string? target, string? before, string? limit, ISupervisionStore store, CancellationToken ct)
    {
        if (ReadQuery(action, target, before, limit, out var query) is { } invalid)
            return invalid;
        return TypedResults.Ok(await ReadPageAsync(store, query, ct).ConfigureAwait(false));
    }

    /// <summary>Parses the query parameters of a page of the audit log (shared with the dashboard).</summary>
    public static ValidationProblem? ReadQuery(string? action, string? target, string? before, string? limit, out AuditQuery query)
    {
        query = new AuditQuery();
        if (ApiProblems.ParseLimit(limit, DefaultLimit, MaxLimit, out var take) is { } badLimit)
            return badLimit;
        if (!string.IsNullOrEmpty(action) && !AuditActions.All.Contains(action, StringComparer.Ordinal))
            return ApiProblems.Invalid("action", action, "action.known", $"must be one of {string.Join(", ", AuditActions.All)}.");
        long? beforeId = null;
        if (!string.IsNullOrEmpty(before))
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                return ApiProblems.Invalid("before", before, "before.format", "must be the next of the previous page (a non-negative integer).");
            beforeId = parsed;
        }

        query = new AuditQuery
        {
            Action = string.IsNullOrEmpty(action) ? null : action,
            Target = string.IsNullOrEmpty(target) ? null : target,
            Before = beforeId,
            Limit = take,
        };
        return null;
    }

    /// <summary>One page; asks for one more entry than shown to know whether a next page exists.</summary>
    public static async Task<AuditPage> ReadPageAsync(ISupervisionStore store, AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        var entries = await store.ListAuditAsync(query with { Limit = query.Limit + 1 }, ct).ConfigureAwait(false);
        var page = entries.Take(query.Limit).ToList();
        return new AuditPage(page, entries.Count > query.Limit ? page[^1].Id : null);
    }
}
