using System.CommandLine;
using System.CommandLine.Invocation;
using IntegrationHub.Cli.Commands;

namespace IntegrationHub.Cli;

/// <summary>
/// The <c>hub</c> command-line tool: the hub's API from a shell. <see cref="InvokeAsync"/> is the whole program, so
/// tests run it in-process with their own writers.
/// </summary>
public static class HubCli
{
    /// <summary>Runs one command line; returns its exit code (<see cref="ExitCodes"/>).</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var isTerminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        return InvokeAsync(args, new CliConsole(output, error, isTerminal), cancellationToken);
    }

    internal static async Task<int> InvokeAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = CreateRootCommand(console);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
        {
            foreach (var parseError in parseResult.Errors)
                await console.Error.WriteLineAsync($"error: {parseError.Message}").ConfigureAwait(false);
            await console.Error.WriteLineAsync($"Run '{CommandPath(parseResult)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    internal static RootCommand CreateRootCommand(CliConsole console)
    {
        var options = new GlobalOptions();
        var binder = new CommandBinder(options, console);
        var root = new RootCommand("hub — the IntegrationHub command-line tool: manage and run connectors, replay quarantined records, manage subscriptions and read the compliance indicators, through the hub's API.");
        options.AddTo(root);
        root.Subcommands.Add(ConnectorsCommand.Create(binder));
        root.Subcommands.Add(QuarantineCommand.Create(binder));
        root.Subcommands.Add(SubscriptionsCommand.Create(binder));
        root.Subcommands.Add(IndicatorsCommand.Create(binder));
        root.Subcommands.Add(StatusCommand.Create(binder));
        // `hub runs <connector>`: the operators' shortcut for `hub connectors runs <connector>`.
        root.Subcommands.Add(Commands.Connectors.ListRunsCommand.Create(binder));
        return root;
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, result.Command.Name);
        if (names.Count > 0)
            names[0] = "hub";
        return string.Join(' ', names);
    }
}
