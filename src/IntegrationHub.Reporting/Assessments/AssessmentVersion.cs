using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Indicators;

namespace IntegrationHub.Reporting.Assessments;

/// <summary>
/// What the stored rows were assessed with: the rules version of the catalog, the row layout, the indicators in slot
/// order and a fingerprint of the working-day calendar (a corrected holiday notice moves due days). When it differs from
/// the stored one the projection rebuilds every row.
/// </summary>
public static class AssessmentVersion
{
    /// <summary>Raise when <see cref="CaseAssessor"/> changes what it stores.</summary>
    private const int Layout = 1;

    public static string Current { get; } = Of(IndicatorCatalog.RulesVersion, IndicatorCatalog.All, WorkingDayCalendar.China);

    public static string Of(int rules, IReadOnlyList<IIndicator> indicators, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(calendar);
        var days = new StringBuilder();
        foreach (var year in calendar.Years)
        {
            days.Append(CultureInfo.InvariantCulture, $"{year.Year}:");
            days.AppendJoin(',', year.Holidays.Order().Select(d => AssessmentDays.Of(d)));
            days.Append('/');
            days.AppendJoin(',', year.Workdays.Order().Select(d => AssessmentDays.Of(d)));
            days.Append(';');
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(days.ToString())))[..16];
        return string.Create(CultureInfo.InvariantCulture,
            $"rules {rules}; layout {Layout}; calendar {fingerprint}; {string.Join(",", indicators.Select(i => i.Definition.Code))}");
    }
}
