using System.CommandLine;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands.Connectors;

internal static class DiscoverConnectorCommand
{
    public const int DefaultSample = 20;

    public static Command Create(CommandBinder binder)
    {
        var id = ConnectorArguments.Id();
        var sample = ConnectorArguments.Count("--sample", "How many source records to read (the hub allows up to 500).", DefaultSample);
        var command = new Command("discover", "Read a sample of the source and list its fields: types, how often present or null, examples.") { id, sample };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var connectorId = parseResult.GetValue(id)!;
            var discovery = await context.Api.DiscoverAsync(connectorId, parseResult.GetValue(sample), ct).ConfigureAwait(false);
            if (context.Json)
            {
                await context.WriteJsonAsync(discovery, CliJsonContext.Default.DiscoveredFieldsView).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await context.Out.WriteLineAsync($"{Format.Records(discovery.SampledRecords)} of {connectorId} sampled.").ConfigureAwait(false);
            var table = new TextTable("FIELD", "TYPES", "PRESENT>", "NULL>", "EXAMPLES");
            foreach (var field in discovery.Fields)
            {
                var examples = string.Join(", ", field.Examples);
                table.Add(field.Name, string.Join('|', field.Types), Format.Count(field.PresentIn), Format.Count(field.NullIn), examples);
            }

            await table.WriteAsync(context.Out).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
