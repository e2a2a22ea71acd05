namespace IntegrationHub.Host.Security;

/// <summary>Claims of an authenticated API key besides the standard name identifier (key id), name and role.</summary>
public static class HubClaimTypes
{
    /// <summary>One claim per scope the key holds.</summary>
    public const string Scope = "scope";

    /// <summary>The key's public prefix, to recognise it in logs and lists.</summary>
    public const string KeyPrefix = "key_prefix";

    /// <summary>The subscription a subscriber key belongs to.</summary>
    public const string Subscription = "subscription";

    /// <summary>The department a department-IT key manages.</summary>
    public const string Department = "department";
}
