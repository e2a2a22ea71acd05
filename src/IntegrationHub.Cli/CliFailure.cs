namespace IntegrationHub.Cli;

/// <summary>Ends a command with a message on stderr and an exit code from <see cref="ExitCodes"/>.</summary>
internal sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
