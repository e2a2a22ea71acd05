using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Connectors;

/// <summary>
/// The outcome of checking a connector: whether its configuration is valid, the source reachable and the credentials
/// accepted, and one page readable. <see cref="Message"/> says what failed in words an IT engineer can act on.
/// </summary>
public sealed record ConnectionCheck
{
    public required bool Succeeded { get; init; }

    /// <summary>The step that failed (<c>configuration</c>, <c>connect</c>, <c>authenticate</c>, <c>read</c>) or <c>read</c> when all passed.</summary>
    public required string Stage { get; init; }

    public required string Message { get; init; }

    /// <summary>Configuration problems, each naming the setting, the value and the rule.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; init; } = [];

    /// <summary>Records in the first page read (0 for an empty source, which is a success).</summary>
    public int RecordsRead { get; init; }

    public TimeSpan Elapsed { get; init; }

    public static ConnectionCheck Failed(string stage, string message, TimeSpan elapsed, IReadOnlyList<ValidationIssue>? issues = null) =>
        new() { Succeeded = false, Stage = stage, Message = message, Elapsed = elapsed, Issues = issues ?? [] };
}
