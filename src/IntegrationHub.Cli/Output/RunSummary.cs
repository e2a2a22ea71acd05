using IntegrationHub.Api.Contracts;

namespace IntegrationHub.Cli.Output;

/// <summary>How a finished run reads: its outcome, then its conservation counts (pulled = the sum of the rest).</summary>
internal static class RunSummary
{
    public static async Task WriteAsync(TextWriter writer, RunView run)
    {
        var duration = Duration(run) is { } d ? $" in {Format.Duration(d)}" : "";
        await writer.WriteLineAsync($"Run {run.Id} of {run.ConnectorId} {run.Status}{duration}.").ConfigureAwait(false);
        var counts = new (string Name, long Value)[]
        {
            ("pulled", run.Pulled),
            ("inserted", run.Inserted),
            ("updated", run.Updated),
            ("unchanged", run.Unchanged),
            ("quarantined", run.Quarantined),
            ("deleted", run.Deleted),
            ("batches", run.BatchesStored),
        };
        var width = counts.Max(c => Format.Count(c.Value).Length);
        foreach (var (name, value) in counts)
            await writer.WriteLineAsync($"  {name,-12}{Format.Count(value).PadLeft(width)}").ConfigureAwait(false);
    }

    public static TimeSpan? Duration(RunView run) => run.DurationMs is { } ms
        ? TimeSpan.FromMilliseconds(ms)
        : run.FinishedAt is { } finished ? finished - run.StartedAt : null;
}
