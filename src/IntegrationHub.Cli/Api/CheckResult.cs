namespace IntegrationHub.Cli.Api;

/// <summary>Whether the hub could configure, connect to, authenticate with and read from a connector's source.</summary>
internal sealed record CheckResult
{
    public bool Succeeded { get; init; }

    /// <summary>The last stage reached: <c>configuration</c>, <c>connect</c>, <c>authenticate</c> or <c>read</c>.</summary>
    public string? Stage { get; init; }

    public string? Message { get; init; }
    public ValidationIssue[] Issues { get; init; } = [];
    public long RecordsRead { get; init; }
    public long ElapsedMs { get; init; }
}
