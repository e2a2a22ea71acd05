namespace IntegrationHub.Canonical.Calendar;

/// <summary>
/// A due date counted in working days from <see cref="Start"/>. <see cref="IsEstimate"/> is true when the calendar had
/// no State Council notice for a year in the span, so every weekday of that year was counted as a working day and the
/// real due date may be later: callers should flag such a deadline rather than trust it.
/// </summary>
public sealed record Deadline(DateOnly Start, int WorkingDays, DateOnly Due, bool IsEstimate)
{
    /// <summary>True once the China calendar day of <paramref name="clock"/> is after <see cref="Due"/>.</summary>
    public bool IsOverdue(TimeProvider clock) => PublicationDeadline.IsOverdue(Due, clock);

    /// <summary>True when an act done on <paramref name="done"/> (China date) meets the deadline.</summary>
    public bool IsMetBy(DateOnly done) => done <= Due;
}
