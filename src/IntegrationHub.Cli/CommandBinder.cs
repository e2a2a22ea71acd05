using System.CommandLine;

namespace IntegrationHub.Cli;

/// <summary>Gives each command its action, run through <see cref="CommandRunner"/> with this invocation's console.</summary>
internal sealed class CommandBinder(GlobalOptions options, CliConsole console)
{
    public void SetAction(Command command, Func<ParseResult, CommandContext, CancellationToken, Task<int>> action) =>
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            parseResult, console, options, (context, ct) => action(parseResult, context, ct), cancellationToken));
}
