namespace IntegrationHub.Store.Model;

/// <summary>
/// What a subscriber may see (invariant 7): region-code prefixes, enforcing agencies (USCC), action categories and
/// change types. The dimensions are AND-ed; an empty list does not restrict its dimension. An administrator sets a
/// subscription's scope; the subscriber may narrow it with a filter (<see cref="Narrow"/>), never widen it.
/// </summary>
public sealed record FeedScope
{
    public static FeedScope Everything { get; } = new();

    public IReadOnlyList<string> Regions { get; init; } = [];

    public IReadOnlyList<string> Agencies { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> EventTypes { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEverything => Regions.Count == 0 && Agencies.Count == 0 && Categories.Count == 0 && EventTypes.Count == 0;

    /// <summary>Whether a record or change with these attributes is in scope (<paramref name="changeType"/> null for a record).</summary>
    public bool Allows(string? regionCode, string? agencyUscc, string? category, string? changeType = null) =>
        (Regions.Count == 0 || (regionCode is not null && Regions.Any(p => regionCode.StartsWith(p, StringComparison.Ordinal))))
        && (Agencies.Count == 0 || (agencyUscc is not null && Agencies.Contains(agencyUscc, StringComparer.Ordinal)))
        && (Categories.Count == 0 || (category is not null && Categories.Contains(category, StringComparer.Ordinal)))
        && (changeType is null || EventTypes.Count == 0 || EventTypes.Contains(changeType, StringComparer.Ordinal));

    /// <summary>
    /// Every way <paramref name="filter"/> reaches outside this scope, as (field, value) pairs; empty when the filter
    /// only narrows. A filter dimension left empty inherits this scope's, so it never widens.
    /// </summary>
    public IReadOnlyList<(string Field, string Value)> Widenings(FeedScope filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var widenings = new List<(string, string)>();
        if (Regions.Count > 0)
        {
            widenings.AddRange(filter.Regions
                .Where(r => !Regions.Any(p => r.StartsWith(p, StringComparison.Ordinal)))
                .Select(r => ("regions", r)));
        }

        AddOutside(widenings, "agencies", Agencies, filter.Agencies);
        AddOutside(widenings, "categories", Categories, filter.Categories);
        AddOutside(widenings, "eventTypes", EventTypes, filter.EventTypes);
        return widenings;
    }

    /// <summary>
    /// This scope narrowed by <paramref name="filter"/>: per dimension the filter's values that lie inside this scope
    /// (for regions, the longer of two nested prefixes). Null when nothing can match: an empty list means "all", so an
    /// empty intersection cannot be written as a scope.
    /// </summary>
    public FeedScope? Narrow(FeedScope? filter)
    {
        if (filter is null)
            return this;

        var regions = NarrowPrefixes(Regions, filter.Regions);
        var agencies = NarrowSet(Agencies, filter.Agencies);
        var categories = NarrowSet(Categories, filter.Categories);
        var eventTypes = NarrowSet(EventTypes, filter.EventTypes);
        if (regions is null || agencies is null || categories is null || eventTypes is null)
            return null;

        return new FeedScope { Regions = regions, Agencies = agencies, Categories = categories, EventTypes = eventTypes };
    }

    private static void AddOutside(List<(string, string)> widenings, string field, IReadOnlyList<string> scope, IReadOnlyList<string> filter)
    {
        if (scope.Count > 0)
            widenings.AddRange(filter.Where(v => !scope.Contains(v, StringComparer.Ordinal)).Select(v => (field, v)));
    }

    private static IReadOnlyList<string>? NarrowPrefixes(IReadOnlyList<string> scope, IReadOnlyList<string> filter)
    {
        if (filter.Count == 0)
            return scope;
        if (scope.Count == 0)
            return filter;

        var narrowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var a in scope)
        {
            foreach (var b in filter)
            {
                if (b.StartsWith(a, StringComparison.Ordinal))
                    narrowed.Add(b);
                else if (a.StartsWith(b, StringComparison.Ordinal))
                    narrowed.Add(a);
            }
        }

        return narrowed.Count == 0 ? null : [.. narrowed];
    }

    private static IReadOnlyList<string>? NarrowSet(IReadOnlyList<string> scope, IReadOnlyList<string> filter)
    {
        if (filter.Count == 0)
            return scope;
        if (scope.Count == 0)
            return filter;

        var narrowed = scope.Intersect(filter, StringComparer.Ordinal).ToList();
        return narrowed.Count == 0 ? null : narrowed;
    }
}
