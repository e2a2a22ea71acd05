using System.CommandLine;
using System.Globalization;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands.Connectors;

internal static class ListConnectorsCommand
{
    public static Command Create(CommandBinder binder)
    {
        var command = new Command("list", "List the registered connectors.");
        binder.SetAction(command, async (_, context, ct) =>
        {
            var connectors = await context.Api.ListConnectorsAsync(ct).ConfigureAwait(false);
            if (context.Json)
            {
                await context.WriteJsonAsync(connectors, CliJsonContext.Default.ConnectorViewArray).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (connectors.Length == 0)
            {
                await context.Out.WriteLineAsync("No connectors yet. Add one with: hub connectors add <file>.connector.json").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var table = new TextTable("ID", "NAME", "KIND", "STATE", "ORIGIN", "SCHEDULE", "MAPPING>");
            foreach (var c in connectors)
            {
                table.Add(c.Id, c.Name, c.Kind, ConnectorText.State(c), c.Origin ?? "", ConnectorText.Schedule(c.Schedule),
                    "v" + c.MappingVersion.ToString(CultureInfo.InvariantCulture));
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
