using System.CommandLine;
using System.Globalization;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Cli.Api;
using IntegrationHub.Cli.Output;

namespace IntegrationHub.Cli.Commands.Connectors;

internal static class ShowConnectorCommand
{
    public static Command Create(CommandBinder binder)
    {
        var id = ConnectorArguments.Id();
        var command = new Command("show", "Show one connector, with its source settings (secrets are masked).") { id };
        binder.SetAction(command, async (parseResult, context, ct) =>
        {
            var connector = await context.Api.GetConnectorAsync(parseResult.GetValue(id)!, ct).ConfigureAwait(false);
            await WriteAsync(context, connector).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The connector as JSON or as a list of its settings; also the answer of add, enable and disable.</summary>
    public static async Task WriteAsync(CommandContext context, ConnectorView connector)
    {
        if (context.Json)
        {
            await context.WriteJsonAsync(connector, CliJsonContext.Default.ConnectorView).ConfigureAwait(false);
            return;
        }

        var lines = new List<(string, string?)>
        {
            ("id", connector.Id),
            ("name", connector.Name),
            ("department", connector.Department),
            ("kind", connector.Kind),
            ("state", ConnectorText.State(connector)),
            ("origin", connector.Origin),
            ("file", connector.File),
            ("priority", connector.Priority.ToString(CultureInfo.InvariantCulture)),
            ("schedule", ConnectorText.Schedule(connector.Schedule)),
            ("mapping", $"v{connector.MappingVersion.ToString(CultureInfo.InvariantCulture)}" +
                (connector.SourceVersion is { } sv ? $" (source version field {sv})" : "")),
        };
        foreach (var (name, value) in lines.Where(l => !string.IsNullOrEmpty(l.Item2)))
            await context.Out.WriteLineAsync($"{name,-11}{value}").ConfigureAwait(false);

        if (connector.Source is { Count: > 0 } source)
        {
            await context.Out.WriteLineAsync("source").ConfigureAwait(false);
            foreach (var (name, value) in source)
                await context.Out.WriteLineAsync($"  {name,-17}{JsonOutput.Inline(value)}").ConfigureAwait(false);
        }
    }
}
