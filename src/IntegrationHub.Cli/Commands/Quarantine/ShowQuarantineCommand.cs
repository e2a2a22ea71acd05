using System.CommandLine;
using System.Globalization;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands.Quarantine;

internal static class ShowQuarantineCommand
{
    public static Command Create(CommandBinder binder)
    {
        var id = new Argument<long>("id") { Description = "The quarantine entry's id, as hub quarantine list shows it." };
        var command = new Command("show", "Show one quarantined record: its raw payload as the source sent it and every reason, in Chinese and English.") { id };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var entry = await context.Api.GetQuarantineAsync(parseResult.GetValue(id), ct).ConfigureAwait(false);
            if (context.Json)
            {
                await context.WriteJsonAsync(entry, CliJsonContext.Default.QuarantineView).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var lines = new (string Name, string Value)[]
            {
                ("id", entry.Id.ToString(CultureInfo.InvariantCulture)),
                ("connector", entry.Connector),
                ("source key", entry.SourceKey),
                ("status", entry.Status),
                ("run", entry.RunId.ToString()),
                ("first seen", Format.Time(entry.FirstSeenAt)),
                ("last seen", Format.Time(entry.LastSeenAt)),
            };
            foreach (var (name, value) in lines)
                await context.Out.WriteLineAsync($"{name,-11}{value}").ConfigureAwait(false);

            await context.Out.WriteLineAsync("raw").ConfigureAwait(false);
            foreach (var line in JsonOutput.Format(entry.Raw).Split('\n'))
                await context.Out.WriteLineAsync("  " + line.TrimEnd('\r')).ConfigureAwait(false);
            await context.Out.WriteLineAsync($"reasons ({entry.Reasons.Count})").ConfigureAwait(false);
            await IssueWriter.WriteAsync(context.Out, entry.Reasons, "  ").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
