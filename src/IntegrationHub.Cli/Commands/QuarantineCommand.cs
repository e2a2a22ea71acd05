using System.CommandLine;
using IntegrationHub.Cli.Commands.Quarantine;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub quarantine …</c>: what the hub's /quarantine API does, from a shell.</summary>
internal static class QuarantineCommand
{
    public static Command Create(CommandBinder binder)
    {
        var command = new Command("quarantine", "List and inspect rejected source records, and replay them after their mapping is fixed.");
        command.Subcommands.Add(ListQuarantineCommand.Create(binder));
        command.Subcommands.Add(ShowQuarantineCommand.Create(binder));
        command.Subcommands.Add(ReplayQuarantineCommand.Create(binder));
        return command;
    }
}
