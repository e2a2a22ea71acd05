using System.CommandLine;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands.Connectors;

internal static class CheckConnectorCommand
{
    public static Command Create(CommandBinder binder)
    {
        var id = ConnectorArguments.Id();
        var command = new Command("check", "Check that the hub can configure, connect to, authenticate with and read from the source. Exits 1 when the check fails.") { id };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var connectorId = parseResult.GetValue(id)!;
            var check = await context.Api.CheckConnectorAsync(connectorId, ct).ConfigureAwait(false);
            if (context.Json)
            {
                await context.WriteJsonAsync(check, CliJsonContext.Default.ConnectionCheckView).ConfigureAwait(false);
            }
            else
            {
                var elapsed = Format.Duration(TimeSpan.FromMilliseconds(check.ElapsedMs));
                await context.Out.WriteLineAsync(check.Succeeded
                    ? $"Check of {connectorId} succeeded: read {Format.Records(check.RecordsRead)} in {elapsed}."
                    : $"Check of {connectorId} failed at stage {check.Stage ?? "unknown"} after {elapsed}.").ConfigureAwait(false);
                if (!string.IsNullOrEmpty(check.Message))
                    await context.Out.WriteLineAsync($"  {check.Message}").ConfigureAwait(false);
                await IssueWriter.WriteAsync(context.Out, check.Issues, "  ").ConfigureAwait(false);
            }

            return check.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
