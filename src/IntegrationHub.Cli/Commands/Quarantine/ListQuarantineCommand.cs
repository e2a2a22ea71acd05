using System.CommandLine;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Commands.Connectors;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands.Quarantine;

internal static class ListQuarantineCommand
{
    public const int DefaultLimit = 100;

    public static Command Create(CommandBinder binder)
    {
        var connector = QuarantineArguments.Connector("Only entries of this connector.");
        var rule = QuarantineArguments.Rule("Only entries with a reason of this rule.");
        var status = new Option<string?>("--status") { Description = "open (the hub's default) or resolved." };
        status.AcceptOnlyFromAmong("open", "resolved");
        var since = new Option<string?>("--since")
        {
            Description = "Only entries last seen at or after this time: an ISO 8601 timestamp, or a date (yyyy-MM-dd, midnight China time).",
        };
        var limit = ConnectorArguments.Count("--limit", "How many entries to show, in id order (the hub allows up to 1000).", DefaultLimit);
        var after = new Option<long?>("--after") { Description = "Start after this entry id (the next page, as the previous list says)." };
        var command = new Command("list", "List quarantined source records: id, connector, source key, the rules they broke, first and last seen.")
        {
            connector, rule, status, since, limit, after,
        };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var page = await context.Api.ListQuarantineAsync(parseResult.GetValue(connector), parseResult.GetValue(rule), parseResult.GetValue(status),
                parseResult.GetValue(since), parseResult.GetValue(limit), parseResult.GetValue(after), ct).ConfigureAwait(false);
            if (context.Json)
            {
                await context.WriteJsonAsync(page, CliJsonContext.Default.QuarantinePage).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (page.Data.Count == 0)
            {
                await context.Out.WriteLineAsync("No quarantine entries match.").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = new TextTable("ID>", "CONNECTOR", "SOURCE KEY", "STATUS", "RULES", "FIRST SEEN", "LAST SEEN");
            foreach (var entry in page.Data)
            {
                table.Add(entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Connector, entry.SourceKey, entry.Status,
                    QuarantineText.Rules(entry), Format.Time(entry.FirstSeenAt), Format.Time(entry.LastSeenAt));
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            if (page.Next is { } next)
                await context.Out.WriteLineAsync($"More entries follow; show them with --after {next}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
