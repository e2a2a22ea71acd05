namespace IntegrationHub.Host.Security;

/// <summary>The role an API key holds (ARCHITECTURE.md "Public surface").</summary>
public static class HubRoles
{
    /// <summary>Everything, including key management.</summary>
    public const string Administrator = "administrator";

    /// <summary>Runs connectors, reads sync status and quarantine.</summary>
    public const string Operator = "operator";

    /// <summary>A department's IT staff: its own connectors.</summary>
    public const string Department = "department";

    /// <summary>A supervision system reading the feed and records within its scopes.</summary>
    public const string Subscriber = "subscriber";

    public static IReadOnlyList<string> All { get; } = [Administrator, Operator, Department, Subscriber];
}
