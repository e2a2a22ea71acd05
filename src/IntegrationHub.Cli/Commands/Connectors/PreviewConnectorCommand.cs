using System.CommandLine;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands.Connectors;

internal static class PreviewConnectorCommand
{
    public const int DefaultLimit = 20;

    public static Command Create(CommandBinder binder)
    {
        var id = ConnectorArguments.Id();
        var limit = ConnectorArguments.Count("--limit", "How many source records to map (the hub allows up to 500).", DefaultLimit);
        var from = new Option<string>("--from")
        {
            Description = "start: the beginning of the source; checkpoint: what the next run would read.",
            DefaultValueFactory = _ => "start",
        };
        from.AcceptOnlyFromAmong("start", "checkpoint");
        var command = new Command("preview", "Map a sample of the source without storing anything: each record accepted, rejected or deleted, with every validation message.") { id, limit, from };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var connectorId = parseResult.GetValue(id)!;
            var preview = await context.Api.PreviewAsync(connectorId, parseResult.GetValue(limit), parseResult.GetValue(from)!, ct).ConfigureAwait(false);
            if (context.Json)
            {
                await context.WriteJsonAsync(preview, CliJsonContext.Default.PreviewView).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await context.Out.WriteLineAsync(
                $"Preview of {connectorId}: {preview.Sampled} sampled, {preview.Accepted} accepted, {preview.Rejected} rejected, {preview.Deleted} deleted.").ConfigureAwait(false);
            var keyWidth = preview.Records.Select(r => DisplayWidth.Of(r.SourceKey ?? "")).DefaultIfEmpty(0).Max();
            foreach (var record in preview.Records)
            {
                var key = record.SourceKey ?? "(no key)";
                await context.Out.WriteLineAsync($"{key}{new string(' ', Math.Max(0, keyWidth - DisplayWidth.Of(key)))}  {record.Status}").ConfigureAwait(false);
                await IssueWriter.WriteAsync(context.Out, record.Issues, "  ").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
