using System.CommandLine;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands.Connectors;

internal static class RunConnectorCommand
{
    /// <param name="backfill">
    /// <c>hub connectors backfill</c>: re-normalize the stored records with the current mapping instead of reading the
    /// source — the same run, followed and summed up the same way.
    /// </param>
    public static Command Create(CommandBinder binder, bool backfill = false)
    {
        var id = ConnectorArguments.Id();
        var wait = new Option<bool>("--wait") { Description = "Follow the run until it ends, then print its counts (the default when stdout is a terminal). Exits 1 if the run fails." };
        var noWait = new Option<bool>("--no-wait") { Description = "Only ask for the run and return." };
        var command = backfill
            ? new Command("backfill", "Re-normalize a connector's stored records with its current mapping (after a mapping change).") { id, wait, noWait }
            : new Command("run", "Start a sync run of a connector now.") { id, wait, noWait };
        command.Validators.Add(result =>
        {
            if (result.GetValue(wait) && result.GetValue(noWait))
                result.AddError("--wait and --no-wait cannot be used together.");
        });
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var connectorId = parseResult.GetValue(id)!;
            var follow = parseResult.GetValue(wait) || (context.Interactive && !parseResult.GetValue(noWait));

            // The latest run before asking tells our run apart from earlier ones (or shows that one is still going).
            var before = (await context.Api.ListRunsAsync(connectorId, 1, ct).ConfigureAwait(false)).FirstOrDefault();
            var accepted = backfill
                ? await context.Api.StartBackfillAsync(connectorId, ct).ConfigureAwait(false)
                : await context.Api.StartRunAsync(connectorId, ct).ConfigureAwait(false);
            if (!follow)
            {
                if (context.Json)
                    await context.WriteJsonAsync(accepted, CliJsonContext.Default.RunAccepted).ConfigureAwait(false);
                else
                    await context.Out.WriteLineAsync($"{(backfill ? "Backfill" : "Run")} of {connectorId} requested. Follow it with: hub connectors runs {connectorId}").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (before is { IsRunning: true } && !context.Json)
                await context.Out.WriteLineAsync($"A run of {connectorId} is already going (started {Format.Time(before.StartedAt)}); following it.").ConfigureAwait(false);

            var run = await new RunFollower(context).FollowAsync(connectorId, before, ct).ConfigureAwait(false);
            if (context.Json)
                await context.WriteJsonAsync(run, CliJsonContext.Default.RunView).ConfigureAwait(false);
            else
                await RunSummary.WriteAsync(context.Out, run).ConfigureAwait(false);

            if (run.Status == RunStatuses.Completed)
                return ExitCodes.Ok;
            if (!context.Json)
                await context.Error.WriteLineAsync($"error: the run {run.Status}{(run.Error is { } e ? ": " + e : ".")}").ConfigureAwait(false);
            return ExitCodes.Failed;
        });
        return command;
    }
}
