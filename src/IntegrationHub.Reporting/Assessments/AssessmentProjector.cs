using System.Diagnostics;
using IntegrationHub.Store.Assessments;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Reporting.Assessments;

/// <summary>
/// Keeps the persisted assessment up to date from the change log with its own cursor. <see cref="ProjectPendingAsync"/>
/// is the one step (a worker runs it in a loop, and it may run under a cluster lease); <see cref="CatchUpAsync"/> is what
/// a report calls first, so that a report right after a sync reflects it. Two processes running steps at once take
/// turns on the store's lock, so the projection stays right.
/// </summary>
public sealed class AssessmentProjector(ICaseAssessmentStore store, IOptions<AssessmentOptions> options)
{
    private readonly string _version = AssessmentVersion.Current;

    /// <summary>The rules version this process assesses with.</summary>
    public string Version => _version;

    /// <summary>
    /// Projects what is pending, one bounded step, as a background writer (<see cref="AssessmentOptions.ProjectionYield"/>);
    /// true when more was pending than the step took (a backlog: step again),
    /// false when nothing was, or the step took all that was pending when it began (changes committed meanwhile wait for
    /// the next look).
    /// </summary>
    public async Task<bool> ProjectPendingAsync(CancellationToken ct)
    {
        var pending = await store.GetProgressAsync(ct).ConfigureAwait(false);
        if (pending.IsCurrent(_version, pending.Head))
            return false;
        var progress = await StepAsync(options.Value.ProjectionYield, ct).ConfigureAwait(false);
        return !progress.IsCurrent(_version, pending.Head);
    }

    /// <summary>
    /// Steps until the projection reflects every change committed before the call; throws
    /// <see cref="AssessmentsNotReadyException"/> after <see cref="AssessmentOptions.CatchUpTimeout"/>.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var progress = await store.GetProgressAsync(ct).ConfigureAwait(false);
        var target = progress.Head;
        while (!progress.IsCurrent(_version, target))
        {
            if (Stopwatch.GetElapsedTime(started) > options.Value.CatchUpTimeout)
                throw new AssessmentsNotReadyException(progress);
            // A report waits for these steps: they take their turns in order, not in the gaps the sync leaves.
            progress = await StepAsync(TimeSpan.Zero, ct).ConfigureAwait(false);
        }
    }

    private Task<AssessmentProgress> StepAsync(TimeSpan yieldAtMost, CancellationToken ct) =>
        store.ProjectAsync(new AssessmentStep(_version, [.. CaseAssessor.Indicators.Select(i => i.Definition.Code)], options.Value.ProjectionBatchSize,
            CaseAssessor.Assess) { YieldAtMost = yieldAtMost }, ct);
}
