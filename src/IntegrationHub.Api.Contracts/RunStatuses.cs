namespace IntegrationHub.Api.Contracts;

/// <summary>The values of <see cref="RunView.Status"/>.</summary>
public static class RunStatuses
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Interrupted = "interrupted";
}
