namespace IntegrationHub.Connectors.Rest;

/// <summary>
/// The <c>source.resilience</c> section of a rest connector. Defaults suit a departmental API on a government network:
/// a few patient retries, generous timeouts, and 10 requests per second at most.
/// </summary>
public sealed record RestResilienceOptions
{
    /// <summary>Retries after a transient failure (5xx, 408, 429, connection error, attempt timeout). Default 3.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry delay; exponential with jitter after it. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest single wait before a retry, a <c>Retry-After</c> header included. Default 1 min.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest one request may take, body included. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest one page may take, retries included. Default 3 min.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Requests per second of this connector. Default 10.</summary>
    public double RequestsPerSecond { get; init; } = 10;

    /// <summary>Share of failures in the sampling window that opens the circuit. Default 0.5.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>Requests in the window before the ratio counts. Default 10.</summary>
    public int MinimumThroughput { get; init; } = 10;

    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);
}
