namespace IntegrationHub.Integration.Tests.Cli;

/// <summary>What one <c>hub</c> command line returned and printed.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
