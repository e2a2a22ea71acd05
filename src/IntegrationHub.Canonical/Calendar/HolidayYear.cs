namespace IntegrationHub.Canonical.Calendar;

/// <summary>
/// One year's 国务院办公厅关于YYYY年部分节假日安排的通知: every day off in each holiday block (法定节假日 plus the
/// bridged and weekend days inside the block) and the weekend days that are make-up working days (调休上班).
/// A notice may reach into the neighbouring year (元旦 from 30 December), so the dates are not all in <see cref="Year"/>.
/// </summary>
public sealed record HolidayYear(int Year, string Source, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> Workdays);
