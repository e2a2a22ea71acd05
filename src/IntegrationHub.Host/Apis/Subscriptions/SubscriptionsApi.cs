using System.Security.Claims;
using System.Text.RegularExpressions;
using IntegrationHub.Host.Audit;
using IntegrationHub.Host.Security;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis.Subscriptions;

/// <summary>
/// Subscriptions (FEEDS.md §6): an administrator grants a supervision system a scope and issues its keys; the subscriber
/// narrows the scope with its own filter (never widens it) and may issue further keys of its own for rotation.
/// </summary>
public static partial class SubscriptionsApi
{
    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("subscriptions").WithTags("Subscriptions");

        api.MapPost("/", AddSubscription).RequireAuthorization(HubPolicies.Administrator).Audited(AuditActions.SubscriptionCreate)
            .WithName("AddSubscription")
            .WithSummary("Create a subscription")
            .WithDescription("A subscriber with the scope it may see: region-code prefixes, enforcing agencies (USCC), action categories and event types, AND-ed; an empty list does not restrict its dimension. Administrators only.");

        api.MapGet("/", ListSubscriptions)
            .WithName("ListSubscriptions")
            .WithSummary("List subscriptions")
            .WithDescription("Administrators and operators see every subscription; a subscriber key sees its own.");

        api.MapGet("/{id}", GetSubscription)
            .WithName("GetSubscription")
            .WithSummary("Get a subscription")
            .WithDescription("Scope, filter, effective scope and channels. A subscriber key may read its own subscription only.");

        api.MapPut("/{id}", UpdateSubscription).RequireAuthorization(HubPolicies.Administrator).Audited(AuditActions.SubscriptionChange)
            .WithName("UpdateSubscription")
            .WithSummary("Replace a subscription's name, kind, scope, filter and AMQP channel")
            .WithDescription("Administrators only. A filter that reaches outside the new scope is refused.");

        api.MapDelete("/{id}", RemoveSubscription).RequireAuthorization(HubPolicies.Administrator).Audited(AuditActions.SubscriptionRemove)
            .WithName("RemoveSubscription")
            .WithSummary("Remove a subscription")
            .WithDescription("Removes the subscription and revokes all its keys at once.");

        api.MapPut("/{id}/filter", SetFilter).Audited(AuditActions.SubscriptionFilter)
            .WithName("SetSubscriptionFilter")
            .WithSummary("Narrow what the subscription receives")
            .WithDescription("The subscriber's own filter within its scope, on every channel. A value outside the scope is refused (403) and names the field, the value and the rule: a filter can narrow the scope, never widen it.");

        return app;
    }

    public static async Task<Results<Created<SubscriptionView>, ValidationProblem, ProblemHttpResult>> AddSubscription(
        SubscriptionRequest request, ISubscriptionStore store, TimeProvider clock, CancellationToken ct)
    {
        var problems = Validate(request, request.Id, requireId: true);
        if (problems.Count > 0)
            return SubscriptionProblems.Invalid(problems, "The subscription is invalid.");

        var now = clock.GetUtcNow();
        var subscription = ToSubscription(request, request.Id!, now, now);
        if (!await store.AddSubscriptionAsync(subscription, ct).ConfigureAwait(false))
            return SubscriptionProblems.Conflict("id", subscription.Id, "subscription.unique", $"A subscription with id '{subscription.Id}' exists already.");

        return TypedResults.Created($"{HubApis.Prefix}/subscriptions/{subscription.Id}", SubscriptionView.From(subscription));
    }

    public static async Task<Ok<IReadOnlyList<SubscriptionView>>> ListSubscriptions(
        ClaimsPrincipal user, ISubscriptionStore store, CancellationToken ct)
    {
        var all = await store.ListSubscriptionsAsync(ct).ConfigureAwait(false);
        var visible = all.Where(s => SubscriptionAccess.MayRead(user, s.Id)).Select(SubscriptionView.From).ToList();
        return TypedResults.Ok<IReadOnlyList<SubscriptionView>>(visible);
    }

    public static async Task<Results<Ok<SubscriptionView>, ProblemHttpResult>> GetSubscription(
        string id, ClaimsPrincipal user, ISubscriptionStore store, CancellationToken ct)
    {
        if (!SubscriptionAccess.MayRead(user, id) || await store.GetSubscriptionAsync(id, ct).ConfigureAwait(false) is not { } subscription)
            return ApiProblems.NotFound("subscription", "id", id);
        return TypedResults.Ok(SubscriptionView.From(subscription));
    }

    public static async Task<Results<Ok<SubscriptionView>, ValidationProblem, ProblemHttpResult>> UpdateSubscription(
        string id, SubscriptionRequest request, ISubscriptionStore store, TimeProvider clock, CancellationToken ct)
    {
        var problems = Validate(request, id, requireId: false);
        if (request.Id is { } bodyId && bodyId != id)
            problems = [.. problems, ("id", bodyId, "subscription.id-unchanged", $"must be '{id}' (the id in the path) or left out.")];
        if (problems.Count > 0)
            return SubscriptionProblems.Invalid(problems, "The subscription is invalid.");
        if (await store.GetSubscriptionAsync(id, ct).ConfigureAwait(false) is not { } current)
            return ApiProblems.NotFound("subscription", "id", id);

        var updated = ToSubscription(request, id, current.CreatedAt, clock.GetUtcNow()) with { Webhook = current.Webhook };
        await store.UpdateSubscriptionAsync(updated, ct).ConfigureAwait(false);
        return TypedResults.Ok(SubscriptionView.From(updated));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveSubscription(
        string id, ISubscriptionStore store, CancellationToken ct) =>
        await store.RemoveSubscriptionAsync(id, ct).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("subscription", "id", id);

    public static async Task<Results<Ok<SubscriptionView>, ValidationProblem, ProblemHttpResult>> SetFilter(
        string id, FeedScope filter, ClaimsPrincipal user, ISubscriptionStore store, TimeProvider clock, CancellationToken ct)
    {
        if (!SubscriptionAccess.MayManage(user, id) || await store.GetSubscriptionAsync(id, ct).ConfigureAwait(false) is not { } subscription)
            return ApiProblems.NotFound("subscription", "id", id);

        var problems = ScopeValidation.Check("filter", filter);
        if (problems.Count > 0)
            return SubscriptionProblems.Invalid(problems, "The filter is invalid.");
        if (subscription.Scope.Widenings(filter) is [var (field, value), ..])
        {
            return SubscriptionProblems.Forbidden($"filter.{field}", value, "scope.narrow-only",
                $"filter.{field} '{value}' lies outside the subscription's scope: a filter can narrow the scope set by the administrator, never widen it.");
        }

        var updated = subscription with { Filter = filter, UpdatedAt = clock.GetUtcNow() };
        await store.UpdateSubscriptionAsync(updated, ct).ConfigureAwait(false);
        return TypedResults.Ok(SubscriptionView.From(updated));
    }

    private static List<(string Field, string Value, string Rule, string Message)> Validate(SubscriptionRequest request, string? id, bool requireId)
    {
        var problems = new List<(string, string, string, string)>();
        if (requireId && string.IsNullOrEmpty(id))
            problems.Add(("id", "", "subscription.id-required", "is required: lower-case letters, digits and hyphens, 2 to 63 characters."));
        else if (id is not null && !IdPattern().IsMatch(id))
            problems.Add(("id", id, "subscription.id-format", "must be lower-case letters, digits and hyphens, 2 to 63 characters, starting with a letter or digit."));
        if (string.IsNullOrWhiteSpace(request.Name))
            problems.Add(("name", request.Name ?? "", "subscription.name-required", "is required: the subscriber's name, e.g. 市司法局 执法监督平台."));
        if (request.Kind is { } kind && !SubscriptionKinds.All.Contains(kind))
            problems.Add(("kind", kind, "subscription.kind", $"must be one of {string.Join(", ", SubscriptionKinds.All)}."));
        if (request.Scope is null)
            problems.Add(("scope", "", "subscription.scope-required", "is required: the regions, agencies, categories and event types the subscriber may see ({} for everything)."));
        else
            problems.AddRange(ScopeValidation.Check("scope", request.Scope));
        if (request.Filter is { } filter)
        {
            problems.AddRange(ScopeValidation.Check("filter", filter));
            if (request.Scope is { } scope)
            {
                problems.AddRange(scope.Widenings(filter).Select(w =>
                    ($"filter.{w.Field}", w.Value, "scope.narrow-only", "lies outside the scope: a filter can narrow the scope, never widen it.")));
            }
        }

        return problems;
    }

    private static Subscription ToSubscription(SubscriptionRequest request, string id, DateTimeOffset createdAt, DateTimeOffset updatedAt) => new()
    {
        Id = id,
        Name = request.Name!.Trim(),
        Kind = request.Kind ?? SubscriptionKinds.Records,
        Scope = request.Scope!,
        Filter = request.Filter ?? FeedScope.Everything,
        Amqp = request.Amqp,
        CreatedAt = createdAt,
        UpdatedAt = updatedAt,
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex IdPattern();
}
