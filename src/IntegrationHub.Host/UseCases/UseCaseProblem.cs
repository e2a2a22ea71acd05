using System.Globalization;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Host.UseCases;

/// <summary>
/// Why a use case did not do what it was asked, as RFC 9457 describes a problem: a status, a title, a sentence, and the
/// parameter, value and rule at fault. The API writes it as <c>application/problem+json</c> (an invalid input as a
/// validation problem with <see cref="Message"/> under its parameter); a dashboard page shows <see cref="Detail"/>.
/// </summary>
public sealed record UseCaseProblem(int Status, string Title, string Detail, string Parameter, string? Value, string Rule)
{
    private const int MaxEchoedLength = 200;

    /// <summary>For an invalid input: what the parameter must be (the sentence after its name).</summary>
    public string? Message { get; init; }

    public bool IsInvalidInput => Status == StatusCodes.Status400BadRequest;

    /// <summary>
    /// The issues behind the problem when an input was checked as a whole (a connector definition): each with its field,
    /// value, rule and both languages. Empty when the problem is the one named by <see cref="Parameter"/>.
    /// </summary>
    public IReadOnlyList<ValidationIssue> Issues { get; init; } = [];

    public static UseCaseProblem Invalid(string parameter, string? value, string rule, string message) =>
        new(StatusCodes.Status400BadRequest, "A request parameter is invalid.", $"Parameter '{parameter}' {message}", parameter, Echo(value), rule)
        {
            Message = message,
        };

    /// <param name="rule">The rule to name; default <c>{resource}.exists</c> (give one when the resource is several words).</param>
    public static UseCaseProblem NotFound(string resource, string parameter, string value, string? rule = null) =>
        new(StatusCodes.Status404NotFound, $"The {resource} does not exist.", $"No {resource} has {parameter} '{Echo(value)}'.", parameter, Echo(value), rule ?? $"{resource}.exists");

    public static UseCaseProblem Forbidden(string parameter, string? value, string rule, string detail) =>
        new(StatusCodes.Status403Forbidden, "Forbidden", detail, parameter, value, rule);

    public static UseCaseProblem Conflict(string parameter, string? value, string rule, string title, string detail) =>
        new(StatusCodes.Status409Conflict, title, detail, parameter, value, rule);

    /// <summary>An integer from 1 to <paramref name="max"/>, <paramref name="defaultValue"/> when absent; the problem when it is neither.</summary>
    public static UseCaseProblem? ParseLimit(string? raw, int defaultValue, int max, out int limit, string parameter = "limit")
    {
        limit = defaultValue;
        if (string.IsNullOrEmpty(raw))
            return null;
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max)
            return null;

        limit = defaultValue;
        return Invalid(parameter, raw, $"{parameter}.range", $"must be an integer from 1 to {max}; it defaults to {defaultValue}.");
    }

    internal static string? Echo(string? value) =>
        value is { Length: > MaxEchoedLength } ? value[..MaxEchoedLength] + "…" : value;
}
