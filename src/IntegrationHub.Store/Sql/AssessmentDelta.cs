using IntegrationHub.Store.Assessments;

namespace IntegrationHub.Store.Sql;

/// <summary>
/// What replacing some case rows changes in the counts and units: every old row's standings are taken out and every new
/// row's put in, per (month, unit, slot, outcome, due day), so the counts stay a sum over the rows.
/// </summary>
internal sealed class AssessmentDelta
{
    private readonly Dictionary<TallyKey, int> _tallies = [];
    private readonly Dictionary<long, UnitChange> _units = [];

    public IEnumerable<KeyValuePair<TallyKey, int>> Tallies => _tallies.Where(t => t.Value != 0);

    public IEnumerable<UnitChange> Units => _units.Values;

    public void Remove(string recordId, AssessmentUnit unit, IReadOnlyList<SlotStanding?> slots)
    {
        var change = Change(unit);
        change.Cases--;
        change.FirstRemoved |= recordId == unit.FirstRecordId;
        Count(unit.Id, slots, -1);
    }

    public void Add(string recordId, AssessmentUnit unit, IReadOnlyList<SlotStanding?> slots)
    {
        var change = Change(unit);
        change.Cases++;
        if (change.First is null || string.CompareOrdinal(recordId, change.First) < 0)
            change.First = recordId;
        Count(unit.Id, slots, +1);
    }

    private UnitChange Change(AssessmentUnit unit)
    {
        if (!_units.TryGetValue(unit.Id, out var change))
            _units[unit.Id] = change = new UnitChange(unit);
        return change;
    }

    private void Count(long unitId, IReadOnlyList<SlotStanding?> slots, int delta)
    {
        for (var s = 0; s < slots.Count; s++)
        {
            if (slots[s] is not { } standing)
                continue;
            var key = new TallyKey(standing.Day / 100, unitId, s, standing.Outcome, standing.Due ?? 0);
            _tallies[key] = _tallies.GetValueOrDefault(key) + delta;
        }
    }

    /// <summary>One count of the <c>assessment_tallies</c> table: month yyyyMM, due day yyyyMMdd of a pending outcome (else 0).</summary>
    public readonly record struct TallyKey(int Month, long UnitId, int Slot, byte Outcome, int Due);

    /// <summary>A unit's live cases after the change and its first record id, unless the first left (then it is looked up).</summary>
    public sealed class UnitChange(AssessmentUnit unit)
    {
        public AssessmentUnit Unit { get; } = unit;

        public long Cases { get; set; } = unit.Cases;

        public string? First { get; set; } = unit.FirstRecordId.Length == 0 ? null : unit.FirstRecordId;

        public bool FirstRemoved { get; set; }
    }
}
