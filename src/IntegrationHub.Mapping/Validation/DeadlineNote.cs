using IntegrationHub.Canonical.Calendar;

namespace IntegrationHub.Mapping.Validation;

/// <summary>
/// The clause a working-day warning adds when its due date was counted without the State Council holiday notice for
/// a year in the span, so that an operator does not take an estimated deadline for a certain one.
/// </summary>
internal static class DeadlineNote
{
    public static string Zh(Deadline deadline) =>
        deadline.IsEstimate ? "（日历未收录该年度节假日安排，截止日期按周一至周五估算）" : "";

    public static string En(Deadline deadline) =>
        deadline.IsEstimate ? " (the calendar has no holiday notice for that year, so the due date is estimated from Monday to Friday)" : "";
}
