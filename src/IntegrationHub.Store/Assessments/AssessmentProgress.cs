namespace IntegrationHub.Store.Assessments;

/// <summary>
/// Where the projection stands: the version its rows were made with, the change-log sequence it has applied, the newest
/// sequence (<see cref="Head"/>), how far retention pruned the log, and — during a rebuild — the last record id rebuilt.
/// </summary>
public sealed record AssessmentProgress(string Version, long Cursor, long Head, long PrunedThrough, string? RebuildAfter)
{
    public bool Rebuilding => RebuildAfter is not null;

    /// <summary>
    /// Whether the rows are those of <paramref name="version"/> and reflect every change up to <paramref name="sequence"/>:
    /// nothing is left for a step to do before a report of that moment.
    /// </summary>
    public bool IsCurrent(string version, long sequence) =>
        Version == version && !Rebuilding && Cursor >= sequence && PrunedThrough <= Cursor;
}
