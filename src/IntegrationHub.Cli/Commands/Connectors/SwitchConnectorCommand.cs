using System.CommandLine;

namespace IntegrationHub.Cli.Commands.Connectors;

/// <summary><c>enable</c> and <c>disable</c>: a disabled connector keeps its records but is not run, by schedule or by hand.</summary>
internal static class SwitchConnectorCommand
{
    public static Command Create(CommandBinder binder, bool enable)
    {
        var id = ConnectorArguments.Id();
        var slot = ConnectorArguments.ReplicationSlot(
            "For a connector in cdc mode: keep its replication slot (the default; the source keeps its log and health alerts when it grows) or drop it (the source frees its log).");
        var command = enable
            ? new Command("enable", "Enable a connector: it runs on its schedule and can be run by hand.") { id }
            : new Command("disable", "Disable a connector: it no longer runs; its records stay.") { id, slot };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var connectorId = parseResult.GetValue(id)!;
            var connector = enable
                ? await context.Api.EnableConnectorAsync(connectorId, ct).ConfigureAwait(false)
                : await context.Api.DisableConnectorAsync(connectorId, parseResult.GetValue(slot), ct).ConfigureAwait(false);
            if (context.Json)
                await ShowConnectorCommand.WriteAsync(context, connector).ConfigureAwait(false);
            else
                await context.Out.WriteLineAsync($"Connector {connector.Id} is {ConnectorText.State(connector)}.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
