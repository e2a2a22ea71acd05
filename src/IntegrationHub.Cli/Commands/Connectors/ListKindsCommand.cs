using System.CommandLine;
using System.Text.Json.Nodes;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands.Connectors;

internal static class ListKindsCommand
{
    public static Command Create(CommandBinder binder)
    {
        var command = new Command("kinds", "List the kinds of connector the hub can run, with their source settings (* = required).");
        binder.SetAction(command, async (_, context, ct) =>
        {
            var kinds = await context.Api.ListKindsAsync(ct).ConfigureAwait(false);
            if (context.Json)
            {
                await context.WriteJsonAsync(kinds, CliJsonContext.Default.ConnectorKindViewArray).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = new TextTable("KIND", "SETTINGS", "SECRETS");
            foreach (var kind in kinds)
                table.Add(kind.Kind, Settings(kind.Schema), string.Join(", ", kind.Secrets));
            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Settings(JsonObject? schema)
    {
        if (schema?["properties"] is not JsonObject properties)
            return "";
        var required = (schema["required"] as JsonArray)?.Select(r => r?.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
        return string.Join(", ", properties.Select(p => required.Contains(p.Key) ? p.Key + "*" : p.Key));
    }
}
