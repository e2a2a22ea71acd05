using IntegrationHub.Host.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis.Subscriptions;

/// <summary>The problems of the subscription and key endpoints; each names the field, the value and the rule.</summary>
public static class SubscriptionProblems
{
    public static ValidationProblem Invalid(IReadOnlyList<(string Field, string Value, string Rule, string Message)> problems, string title) =>
        TypedResults.ValidationProblem(
            errors: problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            detail: string.Join(" ", problems.Select(p => $"{p.Field} '{p.Value}' {p.Message}")),
            title: title,
            extensions: new Dictionary<string, object?>
            {
                ["issues"] = problems.Select(p => new { field = p.Field, value = p.Value, rule = p.Rule, message = p.Message }).ToList(),
            });

    public static ProblemHttpResult Forbidden(string field, string? value, string rule, string detail) =>
        ApiProblems.Problem(UseCaseProblem.Forbidden(field, value, rule, detail));

    public static ProblemHttpResult KeyWithoutSubscription() =>
        Forbidden("Authorization", null, "subscription.exists",
            "The API key belongs to a subscription that no longer exists; ask the hub's administrator for a new key.");

    public static ProblemHttpResult Conflict(string field, string value, string rule, string detail) =>
        ApiProblems.Problem(UseCaseProblem.Conflict(field, value, rule, "Conflict", detail));
}
