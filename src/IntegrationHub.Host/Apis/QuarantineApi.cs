using System.Security.Claims;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Security;
using IntegrationHub.Host.UseCases;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis;

/// <summary>Rejected source records with every reason, for operators to fix the source or the mapping.</summary>
public static class QuarantineApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapQuarantineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("quarantine")
            .WithTags("Quarantine")
            .RequireAuthorization(HubPolicies.Operator);

        api.MapGet("/", ListQuarantine)
            .WithName("ListQuarantine")
            .WithSummary("List quarantined source records")
            .WithDescription("Quarantine entries filtered by connector, rule (e.g. uscc.checksum), last seen between since and until, and status (default open); each with its raw payload and every reason in Chinese and English. Page with after = the previous page's next.");

        api.MapGet("/{id:long}", GetQuarantine)
            .WithName("GetQuarantine")
            .WithSummary("Get one quarantined source record")
            .WithDescription("One quarantine entry, open or resolved: its raw payload as the source sent it and every reason it was rejected, in Chinese and English.");

        api.MapPost("/replay", Replay)
            .WithName("ReplayQuarantine")
            .WithSummary("Replay quarantined records through the normal path")
            .WithDescription("After a mapping is fixed, sends the selected open entries (by connector, ids, rule, time) through normalization and storage again, as a run with trigger 'replay' and its own conservation count. Entries that now pass are stored and marked resolved; those that still fail stay open with their new reasons.");

        return app;
    }

    public static async Task<Results<Accepted<QuarantineReplayAccepted>, ProblemHttpResult, ValidationProblem>> Replay(
        QuarantineReplayRequest request, QuarantineReplays replays, HttpContext http, CancellationToken ct)
    {
        var outcome = await replays.ReplayAsync(Caller.Of(http), request, ct).ConfigureAwait(false);
        return outcome.Problem switch
        {
            null => TypedResults.Accepted((string?)null, outcome.Value),
            { IsInvalidInput: true } invalid => ApiProblems.Validation(invalid),
            { } problem => ApiProblems.Problem(problem),
        };
    }

    public static async Task<Results<Ok<QuarantineView>, ProblemHttpResult>> GetQuarantine(
        long id,
        ClaimsPrincipal user,
        CallerAccess callers,
        IQuarantineStore store,
        CancellationToken ct)
    {
        var view = callers.ViewFor(user);
        if (await store.GetQuarantineAsync(id, ct).ConfigureAwait(false) is not { } entry)
        {
            return ApiProblems.NotFound("quarantine entry", "id", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                rule: "quarantine.exists");
        }

        return TypedResults.Ok(ToView(CallerAccess.Masked(entry, view)));
    }

    public static async Task<Results<Ok<QuarantinePage>, ValidationProblem>> ListQuarantine(
        string? connector,
        string? rule,
        string? since,
        string? until,
        string? status,
        string? after,
        string? limit,
        ClaimsPrincipal user,
        CallerAccess callers,
        IQuarantineStore store,
        CancellationToken ct)
    {
        if (ApiProblems.ParseLimit(limit, DefaultLimit, MaxLimit, out var take) is { } invalidLimit)
            return invalidLimit;
        if (ApiProblems.ParseTimestamp("since", since, out var sinceAt) is { } invalidSince)
            return invalidSince;
        if (ApiProblems.ParseTimestamp("until", until, out var untilAt) is { } invalidUntil)
            return invalidUntil;
        if (sinceAt > untilAt)
            return ApiProblems.Invalid("until", until, "until.after-since", $"must not be earlier than since ({since}).");

        long? afterId = null;
        if (!string.IsNullOrEmpty(after))
        {
            if (!long.TryParse(after, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                return ApiProblems.Invalid("after", after, "after.format", "must be the next of the previous page (a non-negative integer).");
            afterId = parsed;
        }

        if (status is not null && (status.Length is 0 or > 32 || !status.All(c => char.IsAsciiLetterLower(c) || c is '-' or '_')))
            return ApiProblems.Invalid("status", status, "status.format", "must be a status word such as open (the default).");

        var query = new QuarantineQuery
        {
            ConnectorId = string.IsNullOrEmpty(connector) ? null : connector,
            Rule = string.IsNullOrEmpty(rule) ? null : rule,
            Since = sinceAt,
            Until = untilAt,
            After = afterId,
            Limit = take + 1,
        };
        if (status is not null)
            query = query with { Status = status };

        // One more than asked tells whether there is a next page.
        var entries = await store.ListQuarantineAsync(query, ct).ConfigureAwait(false);
        var view = callers.ViewFor(user);
        var page = entries.Take(take).Select(e => ToView(CallerAccess.Masked(e, view))).ToList();
        long? next = entries.Count > take ? page[^1].Id : null;
        return TypedResults.Ok(new QuarantinePage(page, next));
    }

    private static QuarantineView ToView(QuarantineEntry entry) => new()
    {
        Id = entry.Id,
        Connector = entry.ConnectorId,
        SourceKey = entry.SourceKey,
        RunId = entry.RunId,
        Status = entry.Status,
        FirstSeenAt = entry.FirstSeenAt,
        LastSeenAt = entry.LastSeenAt,
        Raw = StoredJson.Payload(entry.Raw),
        Reasons = IssueView.From(entry.Reasons),
    };
}
