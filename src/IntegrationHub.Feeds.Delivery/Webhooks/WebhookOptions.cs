using System.ComponentModel.DataAnnotations;
using System.Net;
using IntegrationHub.Feeds.Webhooks;

namespace IntegrationHub.Feeds.Delivery.Webhooks;

/// <summary>The <c>Hub:Webhooks</c> section: where webhooks may go and how they are delivered and retried.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Hub:Webhooks";

    /// <summary>
    /// Blocked ranges (private, loopback, link-local, metadata…) an administrator allows as webhook targets, as CIDRs,
    /// e.g. <c>10.20.0.0/16</c> for an internal subscriber. Default none.
    /// </summary>
    public IList<string> AllowedRanges { get; set; } = [];

    /// <summary>Accept plain http webhook URLs. Default false (https only); tests against a loopback receiver turn it on.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>How long the hub waits for a receiver's answer to one attempt. Default 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the dispatcher looks for new changes and due retries. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The wait before each attempt of one event, the first included; default (unset) the Standard Webhooks schedule:
    /// now, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. After the last attempt fails the endpoint is disabled.
    /// </summary>
    public IList<TimeSpan>? RetrySchedule { get; set; }

    /// <summary>At most this share of a retry delay is added at random. Default 0.1.</summary>
    [Range(0.0, 1.0)]
    public double Jitter { get; set; } = 0.1;

    /// <summary>How long a rotated-out secret keeps signing next to the new one. Default 24 h.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Changes read from the change log at a time per subscription (for an endpoint receiving batches, at least its
    /// <c>maxEventsPerRequest</c>, so that each read fills a request). Default 100.
    /// </summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// The largest body of a batched request (an endpoint set to receive several events a request): a batch ends before
    /// the event that would make it larger; an event larger than this alone still goes, alone. Default 1 MiB.
    /// </summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Successful deliveries saved to the cursor and the delivery log together, at most this many at a time. A process
    /// that dies sends at most these again (with their ids: receivers deduplicate). Default 50.
    /// </summary>
    [Range(1, 10_000)]
    public int SaveEvery { get; set; } = 50;

    /// <summary>Successful deliveries are saved at least this often while a subscription is being delivered. Default 250 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public WebhookRetrySchedule Schedule() =>
        new(RetrySchedule is { Count: > 0 } delays ? [.. delays] : WebhookRetrySchedule.StandardDelays, Jitter);

    public EgressPolicy Policy() => new()
    {
        RequireHttps = !AllowHttp,
        AllowedRanges = [.. AllowedRanges.Select(IPNetwork.Parse)],
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AllowedRanges.Count; i++)
        {
            if (!IPNetwork.TryParse(AllowedRanges[i], out _))
            {
                yield return new ValidationResult(
                    $"{Section}:AllowedRanges:{i} '{AllowedRanges[i]}' is not a CIDR range such as 10.20.0.0/16 or fd00::/8.",
                    [nameof(AllowedRanges)]);
            }
        }

        if (RetrySchedule is { } schedule && schedule.Any(d => d < TimeSpan.Zero))
            yield return new ValidationResult($"{Section}:RetrySchedule has a negative delay; every delay must be 0 or more.", [nameof(RetrySchedule)]);
    }
}
