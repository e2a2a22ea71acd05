namespace IntegrationHub.Cli;

/// <summary>Where a command writes, and whether a person is watching (then runs are followed with a progress line).</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsTerminal);
