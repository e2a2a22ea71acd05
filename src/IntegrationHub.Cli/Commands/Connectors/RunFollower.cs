using IntegrationHub.Api.Contracts;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands.Connectors;

/// <summary>Polls a connector's runs until the run started after <c>before</c> (or <c>before</c> itself, if it was still going) ends.</summary>
internal sealed class RunFollower(CommandContext context)
{
    /// <summary>How long a worker may take to pick the run up; after that the hub is probably without workers.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public async Task<RunView> FollowAsync(string connectorId, RunView? before, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var progress = context.Interactive ? new RunProgressLine(context.Out) : null;
        try
        {
            while (true)
            {
                var latest = (await context.Api.ListRunsAsync(connectorId, 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
                var ours = latest is not null && (latest.Id != before?.Id || before.IsRunning) ? latest : null;
                var elapsed = TimeProvider.System.GetElapsedTime(started);
                if (ours is { IsRunning: false })
                    return ours;
                if (ours is null && elapsed > StartTimeout)
                {
                    throw new CliFailure(ExitCodes.Failed,
                        $"error: no run of {connectorId} started within {Format.Duration(StartTimeout)}; are the hub's workers running?");
                }

                if (progress is not null)
                    await progress.DrawAsync(ours, elapsed).ConfigureAwait(false);
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (progress is not null)
                await progress.ClearAsync().ConfigureAwait(false);
        }
    }
}
