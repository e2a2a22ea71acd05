using System.Text.Json;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Apis.Responses;

/// <summary>One sync run with its conservation counts (pulled = inserted + updated + unchanged + quarantined).</summary>
public sealed record RunView
{
    public required Guid Id { get; init; }
    public required string ConnectorId { get; init; }

    /// <summary><c>running</c>, <c>completed</c>, <c>failed</c> or <c>interrupted</c>.</summary>
    public required string Status { get; init; }

    public required string Trigger { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public required long Pulled { get; init; }
    public required long Inserted { get; init; }
    public required long Updated { get; init; }
    public required long Unchanged { get; init; }
    public required long Quarantined { get; init; }

    /// <summary>Records the source deleted (tombstones).</summary>
    public required long Deleted { get; init; }

    /// <summary>From start to end (or to now, while running), in milliseconds.</summary>
    public required long DurationMs { get; init; }

    public required int BatchesStored { get; init; }
    public string? Error { get; init; }

    /// <summary>How the source's fields changed compared with the previous run that read records; null when they did not.</summary>
    public SourceDrift? Drift { get; init; }

    public static RunView From(SyncRun run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunView
        {
            Id = run.RunId,
            ConnectorId = run.ConnectorId,
            Status = JsonNamingPolicy.CamelCase.ConvertName(run.Status.ToString()),
            Trigger = run.Trigger,
            StartedAt = run.StartedAt,
            FinishedAt = run.FinishedAt,
            Pulled = run.Counts.Pulled,
            Inserted = run.Counts.Inserted,
            Updated = run.Counts.Updated,
            Unchanged = run.Counts.Unchanged,
            Quarantined = run.Counts.Quarantined,
            Deleted = run.Counts.Deleted,
            DurationMs = (long)((run.FinishedAt ?? now) - run.StartedAt).TotalMilliseconds,
            BatchesStored = run.BatchesStored,
            Error = run.Error,
            Drift = run.Drift,
        };
    }
}
