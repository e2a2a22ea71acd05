namespace IntegrationHub.Indicators;

/// <summary>
/// One indicator for one unit in one period: met ÷ counted cases (<see cref="Rate"/> null when nothing was counted). For
/// a region, <see cref="UnitsMeetingTarget"/> ÷ <see cref="Units"/> is its 面上达标率 over the agencies with cases.
/// </summary>
public sealed record IndicatorRow(
    UnitKind UnitKind,
    string UnitCode,
    string UnitName,
    string Indicator,
    int Met,
    int Counted,
    decimal? Rate,
    bool? MeetsTarget,
    int Units,
    int UnitsMeetingTarget,
    decimal? UnitsMeetingTargetRate);
