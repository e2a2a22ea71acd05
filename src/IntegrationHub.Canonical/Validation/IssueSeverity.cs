namespace IntegrationHub.Canonical.Validation;

public enum IssueSeverity
{
    /// <summary>The record is quarantined.</summary>
    Error,

    /// <summary>The record is stored with the issue as a flag.</summary>
    Warning,
}
