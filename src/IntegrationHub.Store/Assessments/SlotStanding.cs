namespace IntegrationHub.Store.Assessments;

/// <summary>
/// One indicator's standing for one case as stored: the day that places the case in a period (yyyyMMdd), the outcome
/// (<see cref="Met"/>, <see cref="Failed"/> or <see cref="Pending"/>) and, when pending, the due day (yyyyMMdd) after
/// which it counts as failed. A case outside the indicator has no standing (null).
/// </summary>
public readonly record struct SlotStanding(int Day, byte Outcome, int? Due)
{
    public const byte Met = 1;
    public const byte Failed = 2;
    public const byte Pending = 3;
}
