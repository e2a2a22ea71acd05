namespace IntegrationHub.Host.Audit;

/// <summary>The administrative actions the audit log records.</summary>
public static class AuditActions
{
    public const string ConnectorRegister = "connector.register";
    public const string ConnectorChange = "connector.change";
    public const string ConnectorRemove = "connector.remove";
    public const string ConnectorEnable = "connector.enable";
    public const string ConnectorDisable = "connector.disable";
    public const string ConnectorRun = "connector.run";
    public const string ConnectorBackfill = "connector.backfill";
    public const string QuarantineReplay = "quarantine.replay";
    public const string SubscriptionCreate = "subscription.create";
    public const string SubscriptionChange = "subscription.change";
    public const string SubscriptionRemove = "subscription.remove";
    public const string SubscriptionFilter = "subscription.filter";
    public const string KeyIssue = "key.issue";
    public const string KeyRevoke = "key.revoke";
    public const string WebhookSet = "webhook.set";
    public const string WebhookRemove = "webhook.remove";
    public const string WebhookRotateSecret = "webhook.rotate-secret";
    public const string WebhookEnable = "webhook.enable";
    public const string WebhookRedeliver = "webhook.redeliver";
    public const string WebhookReplay = "webhook.replay";

    public static IReadOnlyList<string> All { get; } =
        [ConnectorRegister, ConnectorChange, ConnectorRemove, ConnectorEnable, ConnectorDisable, ConnectorRun, ConnectorBackfill, QuarantineReplay,
         SubscriptionCreate, SubscriptionChange, SubscriptionRemove, SubscriptionFilter, KeyIssue, KeyRevoke,
         WebhookSet, WebhookRemove, WebhookRotateSecret, WebhookEnable, WebhookRedeliver, WebhookReplay];
}
