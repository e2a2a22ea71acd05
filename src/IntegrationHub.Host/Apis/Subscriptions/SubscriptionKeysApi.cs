using System.Security.Claims;
using IntegrationHub.Host.Audit;
using IntegrationHub.Host.Security;
using IntegrationHub.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis.Subscriptions;

/// <summary>
/// A subscription's API keys (FEEDS.md §6): issued once and shown once, several active for rotation, revoked at once.
/// An administrator issues keys with any scopes; a subscriber key issues keys for its own subscription with at most its
/// own scopes.
/// </summary>
public static class SubscriptionKeysApi
{
    /// <summary>Active (not revoked, not expired) keys a subscription may hold at once.</summary>
    public const int MaxActiveKeys = 10;

    public static IEndpointRouteBuilder MapSubscriptionKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("subscriptions").WithTags("Subscriptions");

        api.MapPost("/{id}/keys", IssueKey).Audited(AuditActions.KeyIssue)
            .WithName("IssueSubscriptionKey")
            .WithSummary("Issue an API key for the subscription")
            .WithDescription("The key is in the answer once and never again (the hub keeps its SHA-256). Several keys may be active for rotation. An administrator may give any scopes; a subscriber key may issue keys for its own subscription with at most its own scopes.");

        api.MapGet("/{id}/keys", ListKeys)
            .WithName("ListSubscriptionKeys")
            .WithSummary("List the subscription's keys")
            .WithDescription("Prefix, scopes, creation, expiry, last use and revocation of every key; never the key itself.");

        api.MapDelete("/{id}/keys/{keyId}", RevokeKey).Audited(AuditActions.KeyRevoke)
            .WithName("RevokeSubscriptionKey")
            .WithSummary("Revoke one of the subscription's keys")
            .WithDescription("The key stops working at once. A subscriber may revoke its own subscription's keys.");

        return app;
    }

    public static async Task<Results<Created<IssuedKey>, ValidationProblem, ProblemHttpResult>> IssueKey(
        string id, KeyRequest request, ClaimsPrincipal user, ISubscriptionStore subscriptions, IApiKeyStore apiKeys, TimeProvider clock, CancellationToken ct)
    {
        if (!SubscriptionAccess.MayManage(user, id) || await subscriptions.GetSubscriptionAsync(id, ct).ConfigureAwait(false) is null)
            return ApiProblems.NotFound("subscription", "id", id);

        var scopes = request.Scopes ?? [HubScopes.FeedRead, HubScopes.RecordsRead];
        var now = clock.GetUtcNow();
        var problems = KeysApi.ValidateCommon(request, scopes, now);
        if (problems.Count > 0)
            return SubscriptionProblems.Invalid(problems, "The key request is invalid.");

        // A subscriber rotating its own keys can pass on what it holds, nothing more.
        if (!user.IsInRole(HubRoles.Administrator) && scopes.FirstOrDefault(s => !user.HasClaim(HubClaimTypes.Scope, s)) is { } extra)
        {
            return SubscriptionProblems.Forbidden("scopes", extra, "key.scopes-within-own",
                $"Scope '{extra}' is not held by the key making the request; a subscriber can issue keys with at most its own scopes.");
        }

        var active = (await apiKeys.ListApiKeysAsync(id, ct).ConfigureAwait(false))
            .Count(k => k.RevokedAt is null && (k.ExpiresAt is null || k.ExpiresAt > now));
        if (active >= MaxActiveKeys)
        {
            return SubscriptionProblems.Conflict("id", id, "key.max-active",
                $"The subscription has {active} active keys, the most allowed ({MaxActiveKeys}); revoke one first.");
        }

        var (record, key) = ApiKeys.Issue(request.Name!.Trim(), HubRoles.Subscriber, [.. scopes.Distinct()], now, request.ExpiresAt);
        record = record with { SubscriptionId = id };
        await apiKeys.CreateApiKeyAsync(record, ApiKeys.Hash(key), ct).ConfigureAwait(false);
        return TypedResults.Created($"{HubApis.Prefix}/subscriptions/{id}/keys/{record.Id}", new IssuedKey(key, KeyView.From(record)));
    }

    public static async Task<Results<Ok<IReadOnlyList<KeyView>>, ProblemHttpResult>> ListKeys(
        string id, ClaimsPrincipal user, ISubscriptionStore subscriptions, IApiKeyStore apiKeys, CancellationToken ct)
    {
        if (!SubscriptionAccess.MayManage(user, id) && !user.IsInRole(HubRoles.Operator))
            return ApiProblems.NotFound("subscription", "id", id);
        if (await subscriptions.GetSubscriptionAsync(id, ct).ConfigureAwait(false) is null)
            return ApiProblems.NotFound("subscription", "id", id);
        var keys = await apiKeys.ListApiKeysAsync(id, ct).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<KeyView>>([.. keys.Select(KeyView.From)]);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(
        string id, string keyId, ClaimsPrincipal user, ISubscriptionStore subscriptions, IApiKeyStore apiKeys, CancellationToken ct)
    {
        if (!SubscriptionAccess.MayManage(user, id))
            return ApiProblems.NotFound("subscription", "id", id);
        var key = await apiKeys.GetApiKeyAsync(keyId, ct).ConfigureAwait(false);
        if (key is null || key.SubscriptionId != id || !await apiKeys.RevokeApiKeyAsync(keyId, ct).ConfigureAwait(false))
            return ApiProblems.NotFound("key", "keyId", keyId);
        return TypedResults.NoContent();
    }
}
