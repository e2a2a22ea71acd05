using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Indicators;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Reporting;

/// <summary>
/// The live golden records of a region prefix, agency and category, read page by page from the store (tombstones left
/// out) and parsed: for the 双公示 export, which needs every field of its rows.
/// </summary>
public static class LiveCases
{
    private const int PageSize = 1000;

    public static async Task<List<IndicatorCase>> ReadAsync(IRecordStore store, string? regionPrefix, string? agencyUscc, string? category, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        // Parsing costs more than reading: the next page is read while this one is parsed on every core.
        Task<IReadOnlyList<GoldenRecord>> Page(string? after) => Task.Run(() => store.ListRecordsAsync(
            new RecordQuery { RegionPrefix = regionPrefix, AgencyUscc = agencyUscc, Category = category, After = after, Limit = PageSize }, ct), ct);

        var cases = new List<IndicatorCase>();
        var next = Page(null);
        while (true)
        {
            var page = await next.ConfigureAwait(false);
            if (page.Count == PageSize)
                next = Page(page[^1].Id);
            cases.AddRange(page.Where(r => r.DeletedAt is null).AsParallel().AsOrdered().WithCancellation(ct)
                .Select(r => new IndicatorCase(r.Id, CanonicalJson.Deserialize(r.Content))));
            if (page.Count < PageSize)
                return cases;
        }
    }
}
