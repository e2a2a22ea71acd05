using System.CommandLine;

namespace IntegrationHub.Cli.Commands.Quarantine;

internal static class QuarantineArguments
{
    public static Option<string?> Connector(string description) => new("--connector") { Description = description };

    public static Option<string?> Rule(string description) => new("--rule") { Description = $"{description} A rule such as uscc.checksum or mapping.code-unknown." };
}
