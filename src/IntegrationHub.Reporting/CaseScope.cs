using IntegrationHub.Canonical.Model;
using IntegrationHub.Indicators;
using IntegrationHub.Store.Assessments;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Reporting;

/// <summary>Which cases a query and a caller's scope select: by the case's agency region, USCC and category.</summary>
public static class CaseScope
{
    /// <summary>Whether a case with this agency and category is one the query and scope select.</summary>
    public static bool Selects(string? regionPrefix, string? agencyUscc, FeedScope scope, string? regionCode, string? uscc, string category)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return (regionPrefix is null || regionCode?.StartsWith(regionPrefix, StringComparison.Ordinal) == true)
            && (agencyUscc is null || string.Equals(uscc, agencyUscc, StringComparison.Ordinal))
            && (scope.IsEverything || scope.Allows(regionCode, uscc, category));
    }

    public static bool Selects(string? regionPrefix, string? agencyUscc, FeedScope scope, IndicatorCase item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var agency = item.Action.Agency;
        return Selects(regionPrefix, agencyUscc, scope, agency.RegionCode, agency.Uscc, item.Action.Category.WireName());
    }

    public static bool Selects(string? regionPrefix, string? agencyUscc, FeedScope scope, AssessmentUnitKey unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return Selects(regionPrefix, agencyUscc, scope, unit.RegionCode, unit.AgencyUscc, unit.Category);
    }
}
