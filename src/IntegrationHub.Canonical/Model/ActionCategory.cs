namespace IntegrationHub.Canonical.Model;

/// <summary>The ten categories of administrative power (DOMAIN.md §4), in the order of their national codes 01–10.</summary>
public enum ActionCategory
{
    Licensing,
    Penalty,
    Coercion,
    Levy,
    Payment,
    Inspection,
    Confirmation,
    Reward,
    Adjudication,
    Other,
}
