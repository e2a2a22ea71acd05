namespace IntegrationHub.Indicators;

/// <summary>
/// One agency's cases in a period: per indicator (in the engine's order) how many it counts and how many meet it, with
/// the name and region code of the agency's first case by record id. What a report rolls up into regions; the engine
/// makes it from cases, the persisted assessment from its counts.
/// </summary>
/// <param name="Key">The agency's USCC, else its name.</param>
public sealed record AgencyCounts(string Key, string Name, string? RegionCode, IReadOnlyList<int> Met, IReadOnlyList<int> Counted);
