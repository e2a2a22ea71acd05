namespace IntegrationHub.Canonical.Calendar;

/// <summary>
/// Statutory periods of the 行政执法公示制度 and the 行政处罚法 (2021), all in working days (DOMAIN.md §1). 行政处罚法
/// Art. 85 makes its "二日/三日/五日/七日" working days without statutory holidays; the day the period starts is not
/// counted (民法典 Art. 201), so the due date is the n-th working day after the decision.
/// </summary>
public static class PublicationDeadline
{
    /// <summary>行政许可 and 行政处罚 decisions are published within 7 working days of the decision (国办发〔2018〕118号; 双公示 likewise).</summary>
    public const int PermitOrPenaltyWorkingDays = 7;

    /// <summary>A 决定书 not handed over on the spot is served within 7 days (行政处罚法 Art. 61; working days by Art. 85).</summary>
    public const int ServiceWorkingDays = 7;

    /// <summary>Other enforcement decisions are published within 20 working days (国办发〔2018〕118号).</summary>
    public const int OtherDecisionWorkingDays = 20;

    /// <summary>
    /// A published penalty that is 变更, 撤销, 确认违法 or 确认无效 is withdrawn, with the reason published, within 3 days
    /// (行政处罚法 Art. 48; working days by Art. 85).
    /// </summary>
    public const int WithdrawalWorkingDays = 3;

    /// <summary>The deadline <paramref name="workingDays"/> working days after <paramref name="start"/>.</summary>
    public static Deadline For(DateOnly start, int workingDays, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var due = calendar.AddWorkingDays(start, workingDays);
        return new Deadline(start, workingDays, due, IsEstimate: !calendar.Covers(start, due));
    }

    public static Deadline ForPermitOrPenalty(DateOnly decided, WorkingDayCalendar calendar) =>
        For(decided, PermitOrPenaltyWorkingDays, calendar);

    public static Deadline ForService(DateOnly decided, WorkingDayCalendar calendar) =>
        For(decided, ServiceWorkingDays, calendar);

    public static Deadline ForOtherDecision(DateOnly decided, WorkingDayCalendar calendar) =>
        For(decided, OtherDecisionWorkingDays, calendar);

    /// <param name="changed">The day the published penalty was changed, revoked or found unlawful or void.</param>
    public static Deadline ForWithdrawal(DateOnly changed, WorkingDayCalendar calendar) =>
        For(changed, WithdrawalWorkingDays, calendar);

    /// <summary>True once today in China (UTC+8) is after <paramref name="due"/>; the due day itself is still in time.</summary>
    public static bool IsOverdue(DateOnly due, TimeProvider clock) => ChinaTime.Today(clock) > due;
}
