namespace IntegrationHub.Host.Security;

/// <summary>Authorization policy names; <see cref="SecurityServiceCollectionExtensions.AddHubSecurity"/> defines them.</summary>
public static class HubPolicies
{
    /// <summary>Any valid API key.</summary>
    public const string Reader = "Reader";

    /// <summary>Role administrator.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Role administrator or operator: connectors, runs, sync status, quarantine.</summary>
    public const string Operator = "Operator";

    /// <summary>Role administrator, operator or department (a department key within its own connectors).</summary>
    public const string ConnectorManager = "ConnectorManager";

    /// <summary>Scope <c>feed:read</c> (or role administrator).</summary>
    public const string FeedReader = "FeedReader";

    /// <summary>Scope <c>records:read</c> (or role administrator).</summary>
    public const string RecordsReader = "RecordsReader";
}
