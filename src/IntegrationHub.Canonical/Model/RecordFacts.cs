using System.Globalization;
namespace IntegrationHub.Canonical.Model;

/// <summary>
/// What the store keeps in columns beside a record's JSON, for filtering and scopes: read where the record is parsed
/// anyway, so the store writer need not parse it again.
/// </summary>
public sealed record RecordFacts(string? AgencyUscc, string? RegionCode, string Category, string? DecidedOn, string? DecisionNumber)
{
    public static RecordFacts Of(EnforcementAction record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RecordFacts(
            record.Agency.Uscc,
            record.Agency.RegionCode,
            record.Category.WireName(),
            record.Dates.Decided?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            record.DecisionNumber);
    }
}
