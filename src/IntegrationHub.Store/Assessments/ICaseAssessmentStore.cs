namespace IntegrationHub.Store.Assessments;

/// <summary>
/// The persisted, narrow assessment of every live case for the indicator reports (docs/indicators.md): one row per case
/// with each indicator's standing, counts per agency, category, month and outcome, and the cursor of the projection that
/// keeps them up to date from the change log. A report is a sum over the counts; a drill-down a scan of the narrow rows.
/// </summary>
public interface ICaseAssessmentStore
{
    /// <summary>Where the projection stands against the change log.</summary>
    Task<AssessmentProgress> GetProgressAsync(CancellationToken ct);

    /// <summary>
    /// One bounded step of the projection, in one transaction that first locks the projection's state (so two processes
    /// running it at once take turns): starts a rebuild when the version differs or the change log was pruned past the
    /// cursor; else assesses the next page of a rebuild, or the records of the next changes after the cursor, writes
    /// their rows and counts and moves the cursor with them.
    /// </summary>
    Task<AssessmentProgress> ProjectAsync(AssessmentStep step, CancellationToken ct);

    /// <summary>The units (agency, region, category) that hold at least one live case.</summary>
    Task<IReadOnlyList<AssessmentUnit>> ListUnitsAsync(CancellationToken ct);

    /// <summary>
    /// Met and counted cases per unit and slot (and month, with <paramref name="byMonth"/>) from month
    /// <paramref name="fromMonth"/> to <paramref name="toMonth"/> (yyyyMM) as of <paramref name="asOf"/> (yyyyMMdd): a
    /// pending case counts, as failed, once its due day is before the as-of day. Only the given units when
    /// <paramref name="units"/> is not null.
    /// </summary>
    Task<IReadOnlyList<SlotCount>> CountAsync(int fromMonth, int toMonth, int asOf, IReadOnlyCollection<long>? units, bool byMonth, CancellationToken ct);

    /// <summary>The cases whose slot is failed as of <paramref name="asOf"/> with its day from <paramref name="fromDay"/> to <paramref name="toDay"/> (yyyyMMdd).</summary>
    Task<IReadOnlyList<FailingCase>> FindFailingAsync(int slot, int fromDay, int toDay, int asOf, IReadOnlyCollection<long>? units, CancellationToken ct);

    /// <summary>The canonical content of those of the golden records that are live (not deleted).</summary>
    Task<IReadOnlyList<LiveRecord>> ReadLiveAsync(IReadOnlyCollection<string> recordIds, CancellationToken ct);
}
