namespace IntegrationHub.Store.Assessments;

/// <summary>Met and counted cases of one unit and slot (in one month when counted by month; else <see cref="Month"/> is 0).</summary>
public sealed record SlotCount(long UnitId, int Slot, int Month, long Met, long Counted);
