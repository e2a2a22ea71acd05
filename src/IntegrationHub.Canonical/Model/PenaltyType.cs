namespace IntegrationHub.Canonical.Model;

/// <summary>
/// The penalty types of 行政处罚法 (2021) Art. 9, declared from light to heavy (the severity order used for statistics).
/// </summary>
public enum PenaltyType
{
    Warning,
    CirculatedCriticism,
    Fine,
    ConfiscationOfIllegalGains,
    ConfiscationOfIllegalProperty,
    SuspensionOfLicense,
    QualificationDowngrade,
    RevocationOfLicense,
    RestrictionOfBusinessActivities,
    OrderToSuspendProduction,
    OrderToClose,
    EmploymentRestriction,
    AdministrativeDetention,
    Other,
}
