using IntegrationHub.Store.Assessments;

namespace IntegrationHub.Reporting.Assessments;

/// <summary>The projection could not catch up with the change log in time (typically during a rebuild): reports wait.</summary>
public sealed class AssessmentsNotReadyException(AssessmentProgress progress)
    : Exception(progress is null ? "The indicator assessments are not up to date."
        : progress.Rebuilding
            ? $"The indicator assessments are being rebuilt (records up to '{progress.RebuildAfter}' are done); retry in a minute."
            : $"The indicator assessments are at change {progress.Cursor} of {progress.Head}; retry in a moment.")
{
    public AssessmentProgress? Progress { get; } = progress;
}
