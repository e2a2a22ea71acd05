using IntegrationHub.Api.Contracts;
using IntegrationHub.Host.UseCases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis;

/// <summary>
/// RFC 9457 problems that name the parameter, the value and the rule, so a client can fix its request without reading
/// our code. Query parameters are parsed here (as strings) so that a malformed one gets such a problem, not a bare 400.
/// </summary>
internal static class ApiProblems
{
    public static ValidationProblem Invalid(string parameter, string? value, string rule, string message) =>
        Validation(UseCaseProblem.Invalid(parameter, value, rule, message));

    /// <param name="rule">The rule to name; default <c>{resource}.exists</c> (give one when the resource is several words).</param>
    public static ProblemHttpResult NotFound(string resource, string parameter, string value, string? rule = null) =>
        Problem(UseCaseProblem.NotFound(resource, parameter, value, rule));

    /// <summary>A use case's problem as <c>application/problem+json</c>, naming its parameter, value and rule.</summary>
    public static ProblemHttpResult Problem(UseCaseProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return TypedResults.Problem(
            statusCode: problem.Status,
            title: problem.Title,
            detail: problem.Detail,
            extensions: Extensions(problem));
    }

    /// <summary>An invalid input as a validation problem: its message under its parameter, or every issue under its field.</summary>
    public static ValidationProblem Validation(UseCaseProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Issues.Count > 0)
        {
            return TypedResults.ValidationProblem(
                errors: problem.Issues.GroupBy(i => i.Field).ToDictionary(g => g.Key, g => g.Select(i => i.MessageEn).ToArray()),
                detail: problem.Detail,
                title: problem.Title,
                extensions: new Dictionary<string, object?> { ["issues"] = problem.Issues });
        }

        return TypedResults.ValidationProblem(
            errors: new Dictionary<string, string[]> { [problem.Parameter] = [problem.Message ?? problem.Detail] },
            detail: problem.Detail,
            title: problem.Title,
            extensions: Extensions(problem));
    }

    private static Dictionary<string, object?> Extensions(UseCaseProblem problem)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["parameter"] = problem.Parameter,
            ["value"] = problem.Value,
            ["rule"] = problem.Rule,
        };
        // A problem from one checked issue says it in Chinese too.
        if (problem.Issues is [var issue])
            extensions["messageZh"] = issue.MessageZh;
        return extensions;
    }

    /// <summary>An integer from 1 to <paramref name="max"/>, <paramref name="defaultValue"/> when absent.</summary>
    public static ValidationProblem? ParseLimit(string? raw, int defaultValue, int max, out int limit, string parameter = "limit") =>
        UseCaseProblem.ParseLimit(raw, defaultValue, max, out limit, parameter) is { } invalid ? Validation(invalid) : null;

    /// <summary>A region code or its prefix (digits, at most 12), null when absent.</summary>
    public static ValidationProblem? ParseRegion(string? raw, out string? region)
    {
        region = string.IsNullOrEmpty(raw) ? null : raw;
        if (region is null || (region.Length <= 12 && region.All(char.IsAsciiDigit)))
            return null;
        region = null;
        return Invalid("region", raw, "region.format", "must be the digits of a region code or its prefix, such as 44 or 440300 (at most 12 digits).");
    }

    /// <summary>An enforcing agency's USCC (trimmed, upper-cased), null when absent.</summary>
    public static ValidationProblem? ParseAgency(string? raw, out string? uscc)
    {
        uscc = string.IsNullOrEmpty(raw) ? null : raw.Trim().ToUpperInvariant();
        if (uscc is null || (uscc.Length == 18 && uscc.All(char.IsAsciiLetterOrDigit)))
            return null;
        uscc = null;
        return Invalid("agency", raw, "agency.format", "must be the enforcing agency's unified social credit code (18 characters, digits and capital letters).");
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), <paramref name="defaultValue"/> when absent.</summary>
    public static ValidationProblem? ParseChoice(string parameter, string? raw, IReadOnlyList<string> allowed, string defaultValue, out string value)
    {
        value = defaultValue;
        if (string.IsNullOrEmpty(raw))
            return null;
        if (allowed.FirstOrDefault(a => a.Equals(raw, StringComparison.OrdinalIgnoreCase)) is { } known)
        {
            value = known;
            return null;
        }

        return Invalid(parameter, raw, $"{parameter}.known", $"must be one of {string.Join(", ", allowed)}; it defaults to {defaultValue}.");
    }

    /// <summary>
    /// An RFC 3339 timestamp with an offset (<c>2024-05-01T08:00:00+08:00</c>, <c>…Z</c>) or a date (<c>2024-05-01</c>,
    /// meaning 00:00 China Standard Time). An unencoded '+' arrives as a space and is read as '+'.
    /// </summary>
    public static ValidationProblem? ParseTimestamp(string parameter, string? raw, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(raw))
            return null;
        if (!ApiTimestamp.TryParse(raw, out var parsed))
            return Invalid(parameter, raw, "timestamp.format", ApiTimestamp.Rule);
        value = parsed;
        return null;
    }

}
