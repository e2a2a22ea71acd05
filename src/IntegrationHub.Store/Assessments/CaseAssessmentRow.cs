namespace IntegrationHub.Store.Assessments;

/// <summary>The narrow row of one live case: its unit and one standing per slot (null: outside that indicator).</summary>
public sealed record CaseAssessmentRow(string RecordId, AssessmentUnitKey Unit, IReadOnlyList<SlotStanding?> Slots)
{
    /// <summary>How many indicators a row can hold (columns <c>s01</c> … <c>s16</c>).</summary>
    public const int MaxSlots = 16;
}
