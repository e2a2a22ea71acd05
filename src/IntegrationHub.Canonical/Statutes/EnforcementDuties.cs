using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Canonical.Statutes;

/// <summary>
/// Which categories of action carry which duty of the 三项制度 and the 行政处罚法, and the fixed limits of those duties.
/// Shared by the record warnings and the compliance indicators.
/// </summary>
public static class EnforcementDuties
{
    /// <summary>At least two officers holding enforcement certificates (行政处罚法 Art. 42).</summary>
    public const int MinimumCertifiedOfficers = 2;

    /// <summary>A penalty is decided within 90 calendar days of 立案 (Art. 60; Art. 85 covers only 2/3/5/7-day periods).</summary>
    public const int MaxCaseCalendarDays = 90;

    /// <summary>
    /// Actions carried out by officers in person. A licensing or payment decision is taken by the agency and its feeds
    /// usually name no officers, so counting them there would flag every such record.
    /// </summary>
    public static bool NeedsCertifiedOfficers(ActionCategory category) =>
        category is ActionCategory.Penalty or ActionCategory.Coercion or ActionCategory.Inspection;

    /// <summary>查封扣押财产, 强制拆除 and other coercive measures are recorded on audio-video throughout (国办发〔2018〕118号).</summary>
    public static bool NeedsAudioVideo(ActionCategory category) => category == ActionCategory.Coercion;

    /// <summary>行政许可 and 行政处罚 are published within 7 working days, other decisions within 20 (国办发〔2018〕118号).</summary>
    public static bool IsPermitOrPenalty(ActionCategory category) =>
        category is ActionCategory.Licensing or ActionCategory.Penalty;

    /// <summary>The number of distinct certificate numbers among the officers.</summary>
    public static int CertifiedOfficerCount(IEnumerable<string?> certificateNumbers) =>
        certificateNumbers.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Calendar days from 立案 to the decision.</summary>
    public static int CaseDays(DateOnly filed, DateOnly decided) => decided.DayNumber - filed.DayNumber;
}
