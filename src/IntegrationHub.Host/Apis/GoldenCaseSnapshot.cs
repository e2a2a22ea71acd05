using System.Text.Json;
using IntegrationHub.Indicators;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Apis;

/// <summary>
/// The live golden records, deserialized once and kept until the store's change log moves on, so that a dashboard's
/// successive indicator reports (another period, another region) do not read and parse every record again. Every change
/// to a golden record writes the change log in the same transaction (ARCHITECTURE.md invariant 6), so an unchanged last
/// sequence means unchanged records. Single-agency selections read the store directly: the agency index makes that cheap.
/// </summary>
public sealed class GoldenCaseSnapshot(ISupervisionStore store)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Sequence, IReadOnlyList<IndicatorCase> Cases)? _snapshot;

    /// <summary>The live cases of the selection that lie in the caller's <paramref name="scope"/> (null: nothing).</summary>
    public async Task<IReadOnlyList<IndicatorCase>> ReadAsync(string? regionPrefix, string? agencyUscc, FeedScope? scope, CancellationToken ct)
    {
        if (scope is null)
            return [];
        var cases = await ReadAsync(regionPrefix, agencyUscc, ct).ConfigureAwait(false);
        return scope.IsEverything ? cases : [.. cases.Where(c => InScope(c, scope))];
    }

    /// <summary>Whether the case is one the scope allows (its agency's region and USCC, its category).</summary>
    public static bool InScope(IndicatorCase c, FeedScope scope)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Allows(c.Action.Agency.RegionCode, c.Action.Agency.Uscc, JsonNamingPolicy.CamelCase.ConvertName(c.Action.Category.ToString()));
    }

    private async Task<IReadOnlyList<IndicatorCase>> ReadAsync(string? regionPrefix, string? agencyUscc, CancellationToken ct)
    {
        if (agencyUscc is not null)
            return await GoldenCases.ReadAsync(store, regionPrefix, agencyUscc, null, ct).ConfigureAwait(false);

        // The sequence is read before the records: a change racing the read only makes the next request reload.
        var sequence = await store.LastChangeSequenceAsync(ct).ConfigureAwait(false);
        IReadOnlyList<IndicatorCase> cases;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_snapshot is not { } snapshot || snapshot.Sequence != sequence)
                _snapshot = snapshot = (sequence, await GoldenCases.ReadAsync(store, null, null, null, ct).ConfigureAwait(false));
            cases = snapshot.Cases;
        }
        finally
        {
            _gate.Release();
        }

        return regionPrefix is null
            ? cases
            : [.. cases.Where(c => c.Action.Agency.RegionCode?.StartsWith(regionPrefix, StringComparison.Ordinal) == true)];
    }
}
