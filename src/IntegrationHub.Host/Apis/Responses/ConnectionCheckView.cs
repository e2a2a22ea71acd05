using IntegrationHub.Connectors;
using IntegrationHub.Mapping.Validation;

namespace IntegrationHub.Host.Apis.Responses;

/// <summary>The result of checking a connector: which stage failed, why, and the configuration problems by setting.</summary>
public sealed record ConnectionCheckView
{
    public required bool Succeeded { get; init; }

    /// <summary><c>configuration</c>, <c>connect</c>, <c>authenticate</c> or <c>read</c>.</summary>
    public required string Stage { get; init; }

    public required string Message { get; init; }
    public required IReadOnlyList<ValidationIssue> Issues { get; init; }
    public required int RecordsRead { get; init; }
    public required long ElapsedMs { get; init; }

    public static ConnectionCheckView From(ConnectionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new ConnectionCheckView
        {
            Succeeded = check.Succeeded,
            Stage = check.Stage,
            Message = check.Message,
            Issues = check.Issues,
            RecordsRead = check.RecordsRead,
            ElapsedMs = (long)check.Elapsed.TotalMilliseconds,
        };
    }
}
