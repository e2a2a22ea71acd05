namespace IntegrationHub.Canonical.Model;

/// <summary>层级 of an enforcing agency.</summary>
public enum AgencyLevel
{
    National,
    Provincial,
    Municipal,
    County,
    Township,
}
