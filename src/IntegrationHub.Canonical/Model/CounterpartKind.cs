namespace IntegrationHub.Canonical.Model;

/// <summary>行政相对人类别 (双公示 CF_XDR_LB).</summary>
public enum CounterpartKind
{
    LegalPerson,
    UnincorporatedOrganization,
    NaturalPerson,
    IndividualBusiness,
}
