using System.CommandLine;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands.Connectors;

internal static class ListRunsCommand
{
    public const int DefaultLimit = 20;

    public static Command Create(CommandBinder binder)
    {
        var id = ConnectorArguments.Id();
        var limit = ConnectorArguments.Count("--limit", "How many runs to show, newest first (the hub allows up to 1000).", DefaultLimit);
        var command = new Command("runs", "Show a connector's recent runs and their counts.") { id, limit };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var connectorId = parseResult.GetValue(id)!;
            var runs = await context.Api.ListRunsAsync(connectorId, parseResult.GetValue(limit), ct).ConfigureAwait(false);
            if (context.Json)
            {
                await context.WriteJsonAsync(runs, CliJsonContext.Default.RunViewArray).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (runs.Length == 0)
            {
                await context.Out.WriteLineAsync($"{connectorId} has not run yet. Start a run with: hub connectors run {connectorId}").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = new TextTable("STARTED", "STATUS", "TRIGGER", "PULLED>", "INSERTED>", "UPDATED>", "UNCHANGED>",
                "QUARANTINED>", "DELETED>", "BATCHES>", "DURATION>", "ERROR");
            foreach (var run in runs)
            {
                table.Add(Format.Time(run.StartedAt), run.Status, run.Trigger, Format.Count(run.Pulled), Format.Count(run.Inserted),
                    Format.Count(run.Updated), Format.Count(run.Unchanged), Format.Count(run.Quarantined), Format.Count(run.Deleted),
                    Format.Count(run.BatchesStored), RunSummary.Duration(run) is { } d ? Format.Duration(d) : "", run.Error);
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
