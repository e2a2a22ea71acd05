using System.Text.Json;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Indicators;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Apis;

/// <summary>
/// The live golden records, deserialized once and brought up to date from the store's change log, so that a dashboard's
/// successive indicator reports (another period, another region) neither read nor parse every record again. Every change
/// to a golden record writes the change log in the same transaction (ARCHITECTURE.md invariant 6): when the log moves,
/// only the changes after the snapshot's sequence are read and applied (a "deleted" change removes the case); a full
/// reload happens only when retention pruned the log past the snapshot. The cases are also kept assessed (every
/// indicator, per as-of day), so a report is a count and a sync re-assesses only the records it changed.
/// Single-agency selections read the store directly: the agency index makes that cheap.
/// </summary>
public sealed class GoldenCaseSnapshot(ISupervisionStore store)
{
    private const int ChangePageSize = 5000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;
    private AssessedCases? _assessed;

    /// <summary>The live cases of the selection that lie in the caller's <paramref name="scope"/> (null: nothing).</summary>
    public async Task<IReadOnlyList<IndicatorCase>> ReadAsync(string? regionPrefix, string? agencyUscc, FeedScope? scope, CancellationToken ct)
    {
        if (scope is null)
            return [];
        if (agencyUscc is not null)
        {
            var cases = await GoldenCases.ReadAsync(store, regionPrefix, agencyUscc, null, ct).ConfigureAwait(false);
            return scope.IsEverything ? cases : [.. cases.Where(c => InScope(c, scope))];
        }

        var snapshot = await CurrentAsync(ct).ConfigureAwait(false);
        var include = Selection(regionPrefix, scope);
        return include is null ? snapshot.Cases : [.. snapshot.Cases.Where(include)];
    }

    /// <summary>
    /// Every live case assessed by <paramref name="engine"/> as of the context's day; the report of a region prefix and
    /// scope counts the cases that <see cref="Selection"/> selects.
    /// </summary>
    public async Task<AssessedCases> AssessedAsync(IndicatorEngine engine, IndicatorContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(context);
        var snapshot = await CurrentAsync(ct).ConfigureAwait(false);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_assessed is { } assessed && ReferenceEquals(assessed.Cases, snapshot.Cases) && assessed.Context == context)
                return assessed;
            // Assessed against the previous one: unchanged cases (the same instances) keep their outcomes.
            return _assessed = engine.Assess(snapshot.Cases, context, _assessed);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The filter of a region prefix and a scope over the snapshot's cases; null when it selects everything.</summary>
    public static Func<IndicatorCase, bool>? Selection(string? regionPrefix, FeedScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (regionPrefix is null && scope.IsEverything)
            return null;
        return c => (regionPrefix is null || c.Action.Agency.RegionCode?.StartsWith(regionPrefix, StringComparison.Ordinal) == true)
            && (scope.IsEverything || InScope(c, scope));
    }

    /// <summary>Whether the case is one the scope allows (its agency's region and USCC, its category).</summary>
    public static bool InScope(IndicatorCase c, FeedScope scope)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Allows(c.Action.Agency.RegionCode, c.Action.Agency.Uscc, JsonNamingPolicy.CamelCase.ConvertName(c.Action.Category.ToString()));
    }

    private async Task<Snapshot> CurrentAsync(CancellationToken ct)
    {
        // The sequence is read before the records: a change racing the read is applied again by the next refresh,
        // which is harmless (the newest content of a record wins).
        var sequence = await store.LastChangeSequenceAsync(ct).ConfigureAwait(false);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_snapshot is { } current && current.Sequence == sequence)
                return current;
            if (_snapshot is { } stale && await store.GetPrunedThroughAsync(ct).ConfigureAwait(false) <= stale.Sequence)
                return _snapshot = await RefreshAsync(stale, sequence, ct).ConfigureAwait(false);
            var all = await GoldenCases.ReadAsync(store, null, null, null, ct).ConfigureAwait(false);
            all.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
            return _snapshot = new Snapshot(sequence, all);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The snapshot with the changes after its sequence up to <paramref name="sequence"/> applied, in id order.</summary>
    private async Task<Snapshot> RefreshAsync(Snapshot stale, long sequence, CancellationToken ct)
    {
        // The newest change of each record decides: its content, or its removal when it was deleted.
        var changed = new Dictionary<string, IndicatorCase?>(StringComparer.Ordinal);
        for (var after = stale.Sequence; after < sequence;)
        {
            var page = await store.ReadChangesAsync(after, sequence, FeedScope.Everything, ChangePageSize, ct).ConfigureAwait(false);
            if (page.Count == 0)
                break;
            foreach (var change in page)
                changed[change.RecordId] = change.Type == "deleted" ? null : new IndicatorCase(change.RecordId, CanonicalJson.Deserialize(change.Content));
            after = page[^1].Sequence;
        }

        var cases = new List<IndicatorCase>(stale.Cases.Count + changed.Count);
        var added = changed.Where(c => c.Value is not null).Select(c => c.Value!)
            .Where(c => stale.IndexOf(c.Id) < 0).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var next = 0;
        foreach (var item in stale.Cases)
        {
            while (next < added.Count && string.CompareOrdinal(added[next].Id, item.Id) < 0)
                cases.Add(added[next++]);
            if (!changed.TryGetValue(item.Id, out var replacement))
                cases.Add(item);
            else if (replacement is not null)
                cases.Add(replacement);
        }

        cases.AddRange(added.Skip(next));
        return new Snapshot(sequence, cases);
    }

    /// <summary>The live cases as of a change-log sequence, in ordinal id order.</summary>
    private sealed record Snapshot(long Sequence, List<IndicatorCase> Cases)
    {
        public int IndexOf(string id)
        {
            var (low, high) = (0, Cases.Count - 1);
            while (low <= high)
            {
                var middle = low + (high - low) / 2;
                var order = string.CompareOrdinal(Cases[middle].Id, id);
                if (order == 0)
                    return middle;
                if (order < 0)
                    low = middle + 1;
                else
                    high = middle - 1;
            }

            return -1;
        }
    }
}
