using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace IntegrationHub.Connectors.Rest;

/// <summary>
/// One resilience pipeline per rest connector, kept across runs so that its circuit breaker and rate limit see every
/// request of the connector; rebuilt when the connector's resilience settings change. Outer to inner: total timeout →
/// retry (exponential with jitter, honouring <c>Retry-After</c>) → circuit breaker → rate limiter → attempt timeout.
/// </summary>
internal sealed partial class RestResiliencePipelines(ILogger logger)
{
    /// <summary>The address of the request, masked, for the retry log.</summary>
    public static readonly ResiliencePropertyKey<string> RequestDescription = new("hub.rest.request");

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ResiliencePipeline<HttpResponseMessage> For(string connectorId, RestResilienceOptions options)
    {
        if (_entries.TryGetValue(connectorId, out var entry) && entry.Options == options)
            return entry.Pipeline;
        lock (_lock)
        {
            if (_entries.TryGetValue(connectorId, out entry) && entry.Options == options)
                return entry.Pipeline;
            var limiter = CreateLimiter(options.RequestsPerSecond);
            var created = new Entry(options, Build(connectorId, options, limiter), limiter);
            _entries[connectorId] = created;
            // The settings changed: the old limiter's replenishment timer must stop.
            entry?.Limiter.Dispose();
            return created.Pipeline;
        }
    }

    private ResiliencePipeline<HttpResponseMessage> Build(string connectorId, RestResilienceOptions options, RateLimiter limiter)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "rest-source", InstanceName = connectorId };
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total-timeout", Timeout = options.TotalTimeout });
        if (options.MaxRetries > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldRetryAfterHeader = true,
            };
            var retryAfter = retry.DelayGenerator;
            // Retry-After wins over the backoff, but never beyond maxDelay.
            retry.DelayGenerator = async args =>
            {
                var delay = retryAfter is null ? null : await retryAfter(args).ConfigureAwait(false);
                return delay > options.MaxDelay ? options.MaxDelay : delay;
            };
            retry.OnRetry = args =>
            {
                var outcome = args.Outcome.Result is { } response
                    ? $"HTTP {(int)response.StatusCode}"
                    : args.Outcome.Exception?.GetType().Name ?? "failure";
                LogRetry(logger, connectorId, args.Context.Properties.GetValue(RequestDescription, "(request)"), outcome,
                    args.AttemptNumber + 1, args.RetryDelay);
                return ValueTask.CompletedTask;
            };
            builder.AddRetry(retry);
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.FailureRatio,
            MinimumThroughput = options.MinimumThroughput,
            SamplingDuration = options.SamplingDuration,
            BreakDuration = options.BreakDuration,
        });
        builder.AddRateLimiter(limiter);
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt-timeout", Timeout = options.AttemptTimeout });
        return builder.Build();
    }

    /// <summary>A token bucket refilled in whole periods: 2.5 requests/s = 3 tokens every 1.2 s; 0.5/s = 1 token every 2 s.</summary>
    private static TokenBucketRateLimiter CreateLimiter(double requestsPerSecond)
    {
        var tokens = Math.Max(1, (int)Math.Ceiling(requestsPerSecond));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokens / requestsPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    private sealed record Entry(RestResilienceOptions Options, ResiliencePipeline<HttpResponseMessage> Pipeline, RateLimiter Limiter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Connector}: {Request} failed ({Outcome}); retry {Retry} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string connector, string request, string outcome, int retry, TimeSpan delay);
}
