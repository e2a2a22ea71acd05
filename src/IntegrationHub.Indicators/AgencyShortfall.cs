namespace IntegrationHub.Indicators;

/// <summary>
/// How far one agency is from the target on one indicator (or overall) in a period: <see cref="Gap"/> = target − rate
/// (positive below the target), and <see cref="CasesShort"/> = how many more counted cases would have to meet the
/// indicator to reach it (for <c>overall</c>: how many more indicators).
/// </summary>
public sealed record AgencyShortfall(
    int Rank,
    string UnitCode,
    string UnitName,
    int Met,
    int Counted,
    decimal? Rate,
    bool MeetsTarget,
    decimal Gap,
    int CasesShort);
