using IntegrationHub.Host.Audit;
using IntegrationHub.Host.Security;
using IntegrationHub.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis.Subscriptions;

/// <summary>
/// API keys for people and systems other than subscribers: administrators, operators and department IT staff (whose key
/// manages only its department's connectors). Subscriber keys are issued under their subscription. Administrators only.
/// </summary>
public static class KeysApi
{
    private static readonly string[] IssuableRoles = [HubRoles.Administrator, HubRoles.Operator, HubRoles.Department];

    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("keys").WithTags("Keys").RequireAuthorization(HubPolicies.Administrator);

        api.MapPost("/", IssueKey).Audited(AuditActions.KeyIssue)
            .WithName("IssueKey")
            .WithSummary("Issue an administrator, operator or department key")
            .WithDescription("The key is in the answer once and never again. A department key needs the department whose connectors it manages. Subscriber keys are issued under /subscriptions/{id}/keys.");

        api.MapGet("/", ListKeys)
            .WithName("ListKeys")
            .WithSummary("List every API key")
            .WithDescription("Prefix, role, scopes, subscription or department, creation, expiry, last use and revocation; never the key itself.");

        api.MapDelete("/{keyId}", RevokeKey).Audited(AuditActions.KeyRevoke)
            .WithName("RevokeKey")
            .WithSummary("Revoke an API key")
            .WithDescription("The key stops working at once.");

        return app;
    }

    public static async Task<Results<Created<IssuedKey>, ValidationProblem>> IssueKey(
        KeyRequest request, IApiKeyStore store, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var scopes = request.Scopes ?? [];
        var problems = ValidateCommon(request, scopes, now);
        if (request.Role is not { } role || !IssuableRoles.Contains(role))
            problems.Add(("role", request.Role ?? "", "key.role", $"must be one of {string.Join(", ", IssuableRoles)}; subscriber keys are issued under /subscriptions/{{id}}/keys."));
        else if (role == HubRoles.Department && string.IsNullOrWhiteSpace(request.Department))
            problems.Add(("department", "", "key.department-required", "is required for a department key: the \"department\" of the connectors it manages."));
        else if (role != HubRoles.Department && request.Department is not null)
            problems.Add(("department", request.Department, "key.department-only", "applies to department keys only."));
        if (problems.Count > 0)
            return SubscriptionProblems.Invalid(problems, "The key request is invalid.");

        var (record, key) = ApiKeys.Issue(request.Name!.Trim(), request.Role!, [.. scopes.Distinct()], now, request.ExpiresAt);
        record = record with { Department = request.Department?.Trim() };
        await store.CreateApiKeyAsync(record, ApiKeys.Hash(key), ct).ConfigureAwait(false);
        return TypedResults.Created($"{HubApis.Prefix}/keys/{record.Id}", new IssuedKey(key, KeyView.From(record)));
    }

    public static async Task<Ok<IReadOnlyList<KeyView>>> ListKeys(IApiKeyStore store, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<KeyView>>([.. (await store.ListApiKeysAsync(null, ct).ConfigureAwait(false)).Select(KeyView.From)]);

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeKey(string keyId, IApiKeyStore store, CancellationToken ct) =>
        await store.RevokeApiKeyAsync(keyId, ct).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("key", "keyId", keyId);

    /// <summary>Name, scopes and expiry: the checks every key request shares.</summary>
    internal static List<(string Field, string Value, string Rule, string Message)> ValidateCommon(
        KeyRequest request, IReadOnlyList<string> scopes, DateTimeOffset now)
    {
        var problems = new List<(string, string, string, string)>();
        if (string.IsNullOrWhiteSpace(request.Name))
            problems.Add(("name", request.Name ?? "", "key.name-required", "is required: who or what uses the key, e.g. \"省监督平台 production\"."));
        for (var i = 0; i < scopes.Count; i++)
        {
            if (!HubScopes.All.Contains(scopes[i]))
                problems.Add(($"scopes[{i}]", scopes[i], "key.scope", $"must be one of {string.Join(", ", HubScopes.All)}."));
        }

        if (request.ExpiresAt is { } expiresAt && expiresAt <= now)
            problems.Add(("expiresAt", expiresAt.ToString("O"), "key.expiry-future", "must lie in the future."));
        return problems;
    }
}
