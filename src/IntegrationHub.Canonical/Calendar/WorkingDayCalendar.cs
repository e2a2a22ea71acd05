using System.Collections.Frozen;

namespace IntegrationHub.Canonical.Calendar;

/// <summary>
/// Which days are 工作日 in mainland China: Monday to Friday, except the days off of the State Council's yearly holiday
/// notice, plus the weekend days that notice turns into make-up working days (调休上班). Overrides (local or late
/// corrections) win over the notice data, and a later override wins over an earlier one. For a year without notice data
/// every weekday counts as a working day; <see cref="Covers(int)"/> tells callers when that guess is in use.
/// </summary>
public sealed class WorkingDayCalendar
{
    private static readonly Lazy<WorkingDayCalendar> ChinaCalendar = new(() => FromYears(HolidayDataFile.LoadEmbedded()));

    private readonly FrozenDictionary<int, HolidayYear> years;
    private readonly IReadOnlyList<HolidayYear> orderedYears;
    private readonly FrozenDictionary<DateOnly, bool> overrides;

    // Every date whose status is not the plain weekday/weekend rule; true = working day.
    private readonly FrozenDictionary<DateOnly, bool> exceptions;

    private WorkingDayCalendar(FrozenDictionary<int, HolidayYear> years, FrozenDictionary<DateOnly, bool> overrides)
    {
        this.years = years;
        orderedYears = years.Values.OrderBy(year => year.Year).ToList().AsReadOnly();
        this.overrides = overrides;

        var exceptions = new Dictionary<DateOnly, bool>();
        foreach (var year in years.Values)
        {
            foreach (var holiday in year.Holidays)
            {
                exceptions[holiday] = false;
            }

            foreach (var workday in year.Workdays)
            {
                exceptions[workday] = true;
            }
        }

        foreach (var (date, working) in overrides)
        {
            exceptions[date] = working;
        }

        this.exceptions = exceptions.ToFrozenDictionary();
    }

    /// <summary>
    /// The calendar of the State Council notices 2019–2026 embedded in this assembly (china-holidays.json). The data was
    /// transcribed, not downloaded: check it against the notices and correct it with <see cref="WithOverrides"/>.
    /// </summary>
    public static WorkingDayCalendar China => ChinaCalendar.Value;

    /// <summary>The notice data this calendar was built from, by year.</summary>
    public IReadOnlyList<HolidayYear> Years => orderedYears;

    /// <summary>A calendar from notice data alone. A date that is both a day off and a make-up working day is an error.</summary>
    public static WorkingDayCalendar FromYears(IEnumerable<HolidayYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var byYear = new Dictionary<int, HolidayYear>();
        foreach (var year in years)
        {
            if (!byYear.TryAdd(year.Year, year))
            {
                throw new ArgumentException($"Holiday data for {year.Year} appears twice.", nameof(years));
            }
        }

        CheckNoConflicts(byYear.Values);
        return new WorkingDayCalendar(byYear.ToFrozenDictionary(), FrozenDictionary<DateOnly, bool>.Empty);
    }

    /// <summary>
    /// A new calendar with these days off and working days on top of this one; they win over the notice data and over
    /// earlier overrides. Naming one date in both lists of the same call is an error.
    /// </summary>
    public WorkingDayCalendar WithOverrides(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> workdays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(workdays);
        var offDays = holidays.ToHashSet();
        var workingDays = workdays.ToHashSet();
        var both = offDays.Intersect(workingDays).Order().ToList();
        if (both.Count > 0)
        {
            throw new ArgumentException(
                $"These dates are given both as holidays and as working days: {string.Join(", ", both.Select(IsoDate.ToText))}.", nameof(workdays));
        }

        var merged = new Dictionary<DateOnly, bool>(overrides);
        foreach (var date in offDays)
        {
            merged[date] = false;
        }

        foreach (var date in workingDays)
        {
            merged[date] = true;
        }

        return new WorkingDayCalendar(years, merged.ToFrozenDictionary());
    }

    /// <summary>
    /// A new calendar that adds (or replaces) one year's notice data, e.g. when next year's notice is published before
    /// this assembly is updated. The year then counts as covered; overrides still win.
    /// </summary>
    public WorkingDayCalendar WithYear(HolidayYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        var byYear = new Dictionary<int, HolidayYear>(years) { [year.Year] = year };
        CheckNoConflicts(byYear.Values);
        return new WorkingDayCalendar(byYear.ToFrozenDictionary(), overrides);
    }

    /// <summary>True when the calendar holds the State Council notice for <paramref name="year"/>.</summary>
    public bool Covers(int year) => years.ContainsKey(year);

    /// <summary>True when every year from <paramref name="start"/> to <paramref name="end"/> (either order) is covered.</summary>
    public bool Covers(DateOnly start, DateOnly end)
    {
        var (first, last) = start <= end ? (start.Year, end.Year) : (end.Year, start.Year);
        for (var year = first; year <= last; year++)
        {
            if (!Covers(year))
            {
                return false;
            }
        }

        return true;
    }

    public bool IsWorkingDay(DateOnly date) =>
        exceptions.TryGetValue(date, out var working)
            ? working
            : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="start"/>. The start day itself is not counted
    /// (民法典 Art. 201: 开始的当日不计入), so a decision made on a holiday is counted the same way as one made on a working
    /// day. Zero days gives <paramref name="start"/>.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = start;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>
    /// The number of working days after <paramref name="start"/> up to and including <paramref name="end"/>, so that
    /// <c>WorkingDaysBetween(d, AddWorkingDays(d, n)) == n</c>. Negative when <paramref name="end"/> is before
    /// <paramref name="start"/>.
    /// </summary>
    public int WorkingDaysBetween(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            return -WorkingDaysBetween(end, start);
        }

        var count = 0;
        for (var date = start.AddDays(1); date <= end; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    private static void CheckNoConflicts(IEnumerable<HolidayYear> years)
    {
        var status = new Dictionary<DateOnly, (bool Working, int Year)>();
        foreach (var year in years)
        {
            foreach (var (date, working) in year.Holidays.Select(d => (d, false)).Concat(year.Workdays.Select(d => (d, true))))
            {
                if (status.TryGetValue(date, out var seen) && seen.Working != working)
                {
                    throw new ArgumentException(
                        $"{IsoDate.ToText(date)} is both a holiday and a make-up working day (holiday data for {seen.Year} and {year.Year}).",
                        nameof(years));
                }

                status[date] = (working, year.Year);
            }
        }
    }
}
