using System.CommandLine;
using IntegrationHub.Cli.Commands.Connectors;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub connectors …</c>: what the hub's /connectors API does, from a shell.</summary>
internal static class ConnectorsCommand
{
    public static Command Create(CommandBinder binder)
    {
        var command = new Command("connectors", "Add, inspect, check, preview and run connectors.");
        command.Subcommands.Add(ListConnectorsCommand.Create(binder));
        command.Subcommands.Add(ShowConnectorCommand.Create(binder));
        command.Subcommands.Add(AddConnectorCommand.Create(binder));
        command.Subcommands.Add(RemoveConnectorCommand.Create(binder));
        command.Subcommands.Add(SwitchConnectorCommand.Create(binder, enable: true));
        command.Subcommands.Add(SwitchConnectorCommand.Create(binder, enable: false));
        command.Subcommands.Add(CheckConnectorCommand.Create(binder));
        command.Subcommands.Add(DiscoverConnectorCommand.Create(binder));
        command.Subcommands.Add(PreviewConnectorCommand.Create(binder));
        command.Subcommands.Add(RunConnectorCommand.Create(binder));
        command.Subcommands.Add(RunConnectorCommand.Create(binder, backfill: true));
        command.Subcommands.Add(ListRunsCommand.Create(binder));
        command.Subcommands.Add(ListKindsCommand.Create(binder));
        return command;
    }
}
