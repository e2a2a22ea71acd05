using IntegrationHub.CreditPublicity;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Reporting;

/// <summary>
/// 双公示 rows of a period (DOMAIN.md §2): the penalty or licensing decisions of the selection, mapped to the CF_*/XK_*
/// templates and checked; what fails the check is left out of the export and listed by the check.
/// </summary>
public sealed class CreditPublicityReports(IRecordStore store)
{
    /// <param name="scope">The caller's scope; null (its scope and filter exclude each other) gives no rows.</param>
    public async Task<CreditExport> PrepareAsync(CreditRecordKind kind, IndicatorQuery query, FeedScope? scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var category = kind == CreditRecordKind.Penalty ? "penalty" : "licensing";
        var cases = scope is null ? [] : await LiveCases.ReadAsync(store, query.Region, query.Agency, category, ct).ConfigureAwait(false);
        return CreditExport.Prepare(
            cases.Where(c => CaseScope.Selects(null, null, scope!, c) && c.Action.Dates.Decided is { } decided && query.Period.Contains(decided))
                .Select(c => (c.Id, c.Action)),
            kind);
    }
}
