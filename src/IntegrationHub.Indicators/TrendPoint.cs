namespace IntegrationHub.Indicators;

/// <summary>
/// One month of a trend: the unit's figure in the monthly report (<see cref="Counted"/> 0 and rates null when it had no
/// counted case that month).
/// </summary>
public sealed record TrendPoint(
    string Month,
    int Met,
    int Counted,
    decimal? Rate,
    bool? MeetsTarget,
    int Units,
    int UnitsMeetingTarget,
    decimal? UnitsMeetingTargetRate);
