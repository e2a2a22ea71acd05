using System.CommandLine;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Commands.Connectors;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands.Quarantine;

internal static class ReplayQuarantineCommand
{
    public static Command Create(CommandBinder binder)
    {
        var ids = new Argument<long[]>("id")
        {
            Description = "Replay only these entries (ids as hub quarantine list shows them).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var connector = QuarantineArguments.Connector("Replay the open entries of this connector.");
        var rule = QuarantineArguments.Rule("Replay the open entries with a reason of this rule.");
        var since = QuarantineArguments.Time("--since", "Replay only open entries last seen at or after this time.");
        var until = QuarantineArguments.Time("--until", "Replay only open entries last seen before this time.");
        var all = new Option<bool>("--all") { Description = "Replay every open entry of every connector." };
        var wait = new Option<bool>("--wait") { Description = "Follow the replay runs until they end, then print their counts. Exits 1 if one fails." };
        var command = new Command("replay",
            "Send open quarantined records through normalization and storage again, after their mapping is fixed. " +
            "Each connector's replay is a run (trigger replay) with its own conservation count; records that now pass are stored and resolved.")
        {
            ids, connector, rule, since, until, all, wait,
        };
        command.Validators.Add(result =>
        {
            var chosen = result.GetValue(ids) is { Length: > 0 } || result.GetValue(connector) is not null || result.GetValue(rule) is not null
                || result.GetResult(since) is not null || result.GetResult(until) is not null;
            if (result.GetValue(all) && chosen)
                result.AddError("--all replays every open entry; it cannot be combined with ids, --connector, --rule, --since or --until.");
            else if (!result.GetValue(all) && !chosen)
                result.AddError("Say what to replay: entry ids, --connector, --rule, --since/--until, or --all for every open entry.");
            else if (QuarantineArguments.ValidTime(result, since) is { } from && QuarantineArguments.ValidTime(result, until) is { } to && to < from)
                result.AddError($"--until {to:O} is earlier than --since {from:O}.");
        });
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var connectorId = parseResult.GetValue(connector);
            var request = new QuarantineReplayRequest(
                connectorId,
                parseResult.GetValue(ids) is { Length: > 0 } chosen ? chosen : null,
                parseResult.GetValue(rule),
                parseResult.GetValue(since),
                parseResult.GetValue(until));
            var follow = parseResult.GetValue(wait);

            // The latest run of each connector before asking tells the replay runs apart from earlier ones.
            var before = follow ? await LatestRunsAsync(context, connectorId, ct).ConfigureAwait(false) : [];
            var accepted = await context.Api.ReplayQuarantineAsync(request, ct).ConfigureAwait(false);
            if (!follow && context.Json)
            {
                await context.WriteJsonAsync(accepted, CliJsonContext.Default.QuarantineReplayAccepted).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (!context.Json)
            {
                if (accepted.Replays.Count == 0)
                    await context.Out.WriteLineAsync("Nothing to replay: no open quarantine entry matches.").ConfigureAwait(false);
                foreach (var replay in accepted.Replays)
                    await context.Out.WriteLineAsync($"Replay of {replay.Connector} started: {QuarantineText.Entries(replay.Selected)} selected.").ConfigureAwait(false);
            }

            if (!follow)
                return ExitCodes.Ok;
            return await FollowAsync(context, accepted, before, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<Dictionary<string, RunView?>> LatestRunsAsync(CommandContext context, string? connectorId, CancellationToken ct)
    {
        var connectorIds = connectorId is not null
            ? [connectorId]
            : (await context.Api.ListConnectorsAsync(ct).ConfigureAwait(false)).Select(c => c.Id).ToArray();
        var latest = new Dictionary<string, RunView?>(StringComparer.Ordinal);
        foreach (var id in connectorIds)
            latest[id] = (await context.Api.ListRunsAsync(id, 1, ct).ConfigureAwait(false)).FirstOrDefault();
        return latest;
    }

    private static async Task<int> FollowAsync(CommandContext context, QuarantineReplayAccepted accepted, Dictionary<string, RunView?> before, CancellationToken ct)
    {
        var follower = new RunFollower(context);
        var runs = new List<RunView>();
        foreach (var replay in accepted.Replays)
        {
            var run = await follower.FollowAsync(replay.Connector, before.GetValueOrDefault(replay.Connector), ct).ConfigureAwait(false);
            runs.Add(run);
            if (context.Json)
                continue;
            await RunSummary.WriteAsync(context.Out, run).ConfigureAwait(false);
            var stored = run.Inserted + run.Updated + run.Unchanged;
            await context.Out.WriteLineAsync(
                $"  {Format.Records(stored)} stored and resolved, {Format.Records(run.Quarantined)} still quarantined.").ConfigureAwait(false);
            if (run.Status != RunStatuses.Completed)
                await context.Error.WriteLineAsync($"error: the replay of {run.ConnectorId} {run.Status}{(run.Error is { } e ? ": " + e : ".")}").ConfigureAwait(false);
        }

        if (context.Json)
            await context.WriteJsonAsync(runs.ToArray(), CliJsonContext.Default.RunViewArray).ConfigureAwait(false);
        return runs.All(r => r.Status == RunStatuses.Completed) ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
