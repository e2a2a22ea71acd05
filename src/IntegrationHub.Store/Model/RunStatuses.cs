namespace IntegrationHub.Store.Model;

/// <summary>How a run's status is written in the store.</summary>
public static class RunStatuses
{
    public static string ToText(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Completed => "completed",
        RunStatus.Failed => "failed",
        RunStatus.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The stored text as a status; an unknown run reads as interrupted.</summary>
    public static RunStatus Parse(string? text) => text switch
    {
        "running" => RunStatus.Running,
        "completed" => RunStatus.Completed,
        "failed" => RunStatus.Failed,
        _ => RunStatus.Interrupted,
    };
}
