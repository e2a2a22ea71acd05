namespace IntegrationHub.Canonical.Model;

/// <summary>许可类别 (codes 01–06).</summary>
public enum LicenseType
{
    General,
    Special,
    Approval,
    Verification,
    Registration,
    Other,
}
