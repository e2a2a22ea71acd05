namespace IntegrationHub.Api.Contracts;

/// <summary>The result of checking a connector: which stage failed, why, and the configuration problems by setting.</summary>
public sealed record ConnectionCheckView
{
    public required bool Succeeded { get; init; }

    /// <summary><c>configuration</c>, <c>connect</c>, <c>authenticate</c> or <c>read</c>.</summary>
    public required string Stage { get; init; }

    public required string Message { get; init; }
    public required IReadOnlyList<IssueView> Issues { get; init; }
    public required int RecordsRead { get; init; }
    public required long ElapsedMs { get; init; }
}
