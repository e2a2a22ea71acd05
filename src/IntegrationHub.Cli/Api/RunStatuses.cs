namespace IntegrationHub.Cli.Api;

internal static class RunStatuses
{
    public const string Running = "running";
    public const string Completed = "completed";
}
