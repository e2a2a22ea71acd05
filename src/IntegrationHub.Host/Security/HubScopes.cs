namespace IntegrationHub.Host.Security;

/// <summary>What an API key may read or manage, on top of its role (FEEDS.md §6).</summary>
public static class HubScopes
{
    public const string FeedRead = "feed:read";
    public const string RecordsRead = "records:read";

    /// <summary>Personal identifiers unmasked.</summary>
    public const string PiiRead = "pii:read";

    public const string WebhooksManage = "webhooks:manage";

    public static IReadOnlyList<string> All { get; } = [FeedRead, RecordsRead, PiiRead, WebhooksManage];
}
