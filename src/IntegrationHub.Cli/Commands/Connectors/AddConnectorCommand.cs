using System.CommandLine;
using System.Net;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Cli.Definitions;
using Refit;

namespace IntegrationHub.Cli.Commands.Connectors;

internal static class AddConnectorCommand
{
    public static Command Create(CommandBinder binder)
    {
        var file = new Argument<string>("definition")
        {
            Description = "A connector definition file, as in connectors/*.connector.json; a mapping file it names is sent inline.",
        };
        var replace = new Option<bool>("--replace") { Description = "Replace the connector when one with this id exists (PUT)." };
        var command = new Command("add", "Register a connector from a definition file.") { file, replace };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var definition = await ConnectorDefinitionFile.ReadAsync(parseResult.GetValue(file)!, ct).ConfigureAwait(false);
            var id = ConnectorDefinitionFile.IdOf(definition);
            ConnectorView connector;
            var verb = "Added";
            try
            {
                connector = await context.Api.CreateConnectorAsync(definition, ct).ConfigureAwait(false);
            }
            catch (ApiException exists) when (exists.StatusCode == HttpStatusCode.Conflict && parseResult.GetValue(replace))
            {
                connector = await context.Api.ReplaceConnectorAsync(id, definition, ct).ConfigureAwait(false);
                verb = "Replaced";
            }

            if (!context.Json)
                await context.Out.WriteLineAsync($"{verb} connector {connector.Id} ({connector.Kind}, {ConnectorText.State(connector)}).").ConfigureAwait(false);
            else
                await ShowConnectorCommand.WriteAsync(context, connector).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
