namespace IntegrationHub.Feeds.Webhooks;

/// <summary>
/// When a failed webhook delivery is tried again (FEEDS.md §1, Standard Webhooks): attempt <c>n</c> waits
/// <c>Delays[n-1]</c> after the previous one, plus up to <see cref="JitterRatio"/> of it at random so that endpoints
/// recovering together are not hit by every hub at once. A receiver's <c>Retry-After</c> is honoured: the hub never
/// comes back sooner than asked. After the last delay's attempt fails, the schedule is exhausted.
/// </summary>
public sealed class WebhookRetrySchedule
{
    /// <summary>now, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h: ten attempts over about 75.5 hours.</summary>
    public static IReadOnlyList<TimeSpan> StandardDelays { get; } =
    [
        TimeSpan.Zero,
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(14),
        TimeSpan.FromHours(20),
        TimeSpan.FromHours(24),
    ];

    /// <summary>The longest <c>Retry-After</c> taken at its word; a longer one is cut to this.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    public WebhookRetrySchedule(IReadOnlyList<TimeSpan> delays, double jitterRatio)
    {
        ArgumentNullException.ThrowIfNull(delays);
        if (delays.Count == 0)
            throw new ArgumentException("A retry schedule needs at least one attempt.", nameof(delays));
        if (delays.Any(d => d < TimeSpan.Zero))
            throw new ArgumentException("A retry delay cannot be negative.", nameof(delays));
        ArgumentOutOfRangeException.ThrowIfNegative(jitterRatio);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitterRatio, 1.0);
        Delays = delays;
        JitterRatio = jitterRatio;
    }

    public static WebhookRetrySchedule Standard { get; } = new(StandardDelays, 0.1);

    /// <summary>The wait before each attempt, the first (usually zero) included.</summary>
    public IReadOnlyList<TimeSpan> Delays { get; }

    /// <summary>At most this share of a delay is added at random (0.1 = up to 10 % later, never earlier).</summary>
    public double JitterRatio { get; }

    /// <summary>How many attempts one event gets before the endpoint is disabled.</summary>
    public int MaxAttempts => Delays.Count;

    /// <summary>
    /// The wait before the next attempt after <paramref name="failedAttempts"/> attempts failed, or null when the schedule
    /// is exhausted. <paramref name="random"/> is a sample in [0, 1) that places the jitter.
    /// </summary>
    public TimeSpan? DelayAfter(int failedAttempts, TimeSpan? retryAfter, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        if (failedAttempts >= Delays.Count)
            return null;

        var scheduled = Delays[failedAttempts];
        var jittered = scheduled + (scheduled * (JitterRatio * Math.Clamp(random, 0.0, 1.0)));
        if (retryAfter is not { } asked)
            return jittered;

        var honoured = asked > MaxRetryAfter ? MaxRetryAfter : asked;
        return honoured > jittered ? honoured : jittered;
    }
}
