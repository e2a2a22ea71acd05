using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Canonical.Calendar;

/// <summary>
/// Settings under <c>Hub:Calendar</c> that correct or extend the embedded holiday data: a notice published after this
/// build, a mistake found in the data, or a local arrangement. Dates are yyyy-MM-dd; both lists default to empty.
/// Validate at start-up (the options pattern's <c>ValidateDataAnnotations</c> runs <see cref="IValidatableObject"/>).
/// </summary>
public sealed class CalendarOverridesOptions : IValidatableObject
{
    public const string SectionName = "Hub:Calendar";

    /// <summary>Extra days off, e.g. <c>Hub__Calendar__Holidays__0=2027-01-01</c>.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Extra working days (weekend days worked as 调休上班), e.g. <c>Hub__Calendar__Workdays__0=2027-02-06</c>.</summary>
    public List<string> Workdays { get; set; } = [];

    /// <summary>Every problem, each naming the setting it is about; empty when the options are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var holidays = ParseAll(Holidays, nameof(Holidays), errors);
        var workdays = ParseAll(Workdays, nameof(Workdays), errors);
        foreach (var date in holidays.Intersect(workdays).Order())
        {
            errors.Add($"{SectionName}: {IsoDate.ToText(date)} is listed both under {nameof(Holidays)} and under {nameof(Workdays)}.");
        }

        return errors;
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) =>
        Validate().Select(error => new ValidationResult(error));

    /// <summary>The calendar with these overrides applied; throws with every problem listed when the options are invalid.</summary>
    public WorkingDayCalendar ApplyTo(WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, errors));
        }

        return calendar.WithOverrides(ParseAll(Holidays, nameof(Holidays), []), ParseAll(Workdays, nameof(Workdays), []));
    }

    private static List<DateOnly> ParseAll(List<string>? values, string name, List<string> errors)
    {
        var dates = new List<DateOnly>();
        if (values is null)
        {
            errors.Add($"{SectionName}:{name} must be a list (it may be empty).");
            return dates;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (IsoDate.TryParse(values[i], out var date))
            {
                dates.Add(date);
            }
            else
            {
                errors.Add($"{SectionName}:{name}:{i} = \"{values[i]}\" is not a date in {IsoDate.Pattern} form.");
            }
        }

        return dates;
    }
}
