using System.CommandLine;

namespace IntegrationHub.Cli.Commands.Connectors;

internal static class RemoveConnectorCommand
{
    public static Command Create(CommandBinder binder)
    {
        var id = ConnectorArguments.Id();
        var slot = ConnectorArguments.ReplicationSlot(
            "For a connector in cdc mode, required: drop its replication slot on the source (the source frees its log) or keep it (it keeps log until dropped).");
        var command = new Command("remove", "Remove a connector added through the API (one defined by a file is removed by deleting the file).") { id, slot };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var connectorId = parseResult.GetValue(id)!;
            await context.Api.DeleteConnectorAsync(connectorId, parseResult.GetValue(slot), ct).ConfigureAwait(false);
            if (!context.Json)
                await context.Out.WriteLineAsync($"Removed connector {connectorId}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
