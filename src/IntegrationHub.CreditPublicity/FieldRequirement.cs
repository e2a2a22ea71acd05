namespace IntegrationHub.CreditPublicity;

/// <summary>Whether a 双公示 field must be filled: always (Y), under a condition the check knows (C), or never (N).</summary>
public enum FieldRequirement
{
    Required,
    Conditional,
    Optional,
}
