namespace IntegrationHub.Host.Dashboard;

/// <summary>
/// Every text the dashboard shows, in Chinese (<see cref="Zh"/>, the default) and English (<see cref="En"/>). Each
/// property is required, so a text missing in either language does not compile.
/// </summary>
public sealed partial record DashboardText
{
    public required string Language { get; init; }

    public required string Title { get; init; }
    public required string NavOverview { get; init; }
    public required string NavQuarantine { get; init; }
    public required string NavAudit { get; init; }
    public required string NavIndicators { get; init; }
    public required string SignIn { get; init; }
    public required string SignOut { get; init; }
    public required string SignInTitle { get; init; }
    public required string ApiKeyLabel { get; init; }
    public required string SignInHint { get; init; }
    public required string SignInFailed { get; init; }
    public required string SignedInAs { get; init; }
    public required string SwitchLanguage { get; init; }
    public required string Connectors { get; init; }
    public required string Connector { get; init; }
    public required string Department { get; init; }
    public required string State { get; init; }
    public required string Health { get; init; }
    public required string LastSuccess { get; init; }
    public required string Lag { get; init; }
    public required string RecordsPerMinute { get; init; }
    public required string Quarantine { get; init; }
    public required string Disabled { get; init; }
    public required string Never { get; init; }
    public required string Subscriptions { get; init; }
    public required string SubscriptionsNone { get; init; }
    public required string RecentAlerts { get; init; }
    public required string NoAlerts { get; init; }
    public required string Subject { get; init; }
    public required string Change { get; init; }
    public required string Reason { get; init; }
    public required string Time { get; init; }

    public required string DeliveryLog { get; init; }
    public required string Redeliver { get; init; }
    public required string ReEnable { get; init; }
    public required string Endpoint { get; init; }
    public required string NoWebhook { get; init; }
    public required string NoDeliveries { get; init; }
    public required string Attempt { get; init; }
    public required string HttpStatus { get; init; }
    public required string LatencyMs { get; init; }
    public required string Response { get; init; }
    public required string Error { get; init; }
    public required string Redelivering { get; init; }
    public required string ReEnabled { get; init; }

    public required string Subscription { get; init; }
    public required string Kind { get; init; }
    public required string Backlog { get; init; }
    public required string Channels { get; init; }
    public required string DeliverySuccess { get; init; }
    public required string HealthLagging { get; init; }
    public required string HealthDisabled { get; init; }
    public required string StatusRunning { get; init; }
    public required string StatusCompleted { get; init; }
    public required string StatusFailed { get; init; }
    public required string StatusInterrupted { get; init; }
    public required string StatusNeverRan { get; init; }
    public required string HealthHealthy { get; init; }
    public required string HealthDegraded { get; init; }
    public required string HealthFailing { get; init; }
    public required string HealthStale { get; init; }
    public required string HealthDrifted { get; init; }
    public required string RunHistory { get; init; }
    public required string RecordsPerRun { get; init; }
    public required string DurationPerRun { get; init; }
    public required string RecentErrors { get; init; }
    public required string NoErrors { get; init; }
    public required string DriftReport { get; init; }
    public required string NoDrift { get; init; }
    public required string DriftAdded { get; init; }
    public required string DriftRemoved { get; init; }
    public required string DriftMappedButMissing { get; init; }
    public required string DriftDetected { get; init; }
    public required string RunNow { get; init; }
    public required string RunStarted { get; init; }
    public required string Trigger { get; init; }
    public required string Started { get; init; }
    public required string Duration { get; init; }
    public required string Pulled { get; init; }
    public required string Inserted { get; init; }
    public required string Updated { get; init; }
    public required string Unchanged { get; init; }
    public required string Quarantined { get; init; }
    public required string Deleted { get; init; }
    public required string NoRuns { get; init; }
    public required string Filter { get; init; }
    public required string AllConnectors { get; init; }
    public required string Rule { get; init; }
    public required string Status { get; init; }
    public required string Open { get; init; }
    public required string Resolved { get; init; }
    public required string Entries { get; init; }
    public required string RawPayload { get; init; }
    public required string Reasons { get; init; }
    public required string Replay { get; init; }
    public required string ReplayAll { get; init; }
    public required string ReplayStarted { get; init; }
    public required string NothingToReplay { get; init; }
    public required string NoEntries { get; init; }
    public required string SourceKey { get; init; }
    public required string LastSeen { get; init; }
    public required string NextPage { get; init; }
    public required string AuditLog { get; init; }
    public required string When { get; init; }
    public required string Who { get; init; }
    public required string Action { get; init; }
    public required string Target { get; init; }
    public required string Via { get; init; }
    public required string Detail { get; init; }
    public required string NoAudit { get; init; }
    public required string AllActions { get; init; }
    public required string Indicators { get; init; }
    public required string Period { get; init; }
    public required string Region { get; init; }
    public required string AsOf { get; init; }
    public required string Show { get; init; }
    public required string Ranking { get; init; }
    public required string Unit { get; init; }
    public required string Rate { get; init; }
    public required string MeetsTarget { get; init; }
    public required string Yes { get; init; }
    public required string No { get; init; }
    public required string RegionCompliance { get; init; }
    public required string UnitsMeeting { get; init; }
    public required string MonthlyTrend { get; init; }
    public required string ExportCsv { get; init; }
    public required string ExportXlsx { get; init; }
    public required string TargetLabel { get; init; }
    public required string NoIndicatorData { get; init; }
    public required string Agency { get; init; }
    public required string TrendYears { get; init; }
    public required string UnitTrend { get; init; }
    public required string TrendHint { get; init; }
    public required string BelowTarget { get; init; }
    public required string Gap { get; init; }
    public required string CasesShort { get; init; }
    public required string AccessDenied { get; init; }
    public required string AccessDeniedText { get; init; }
    public required string NotFound { get; init; }
    public required string Problem { get; init; }

    public static DashboardText For(string language) => language == En.Language ? En : Zh;

    public string RunStatus(string status) => status switch
    {
        "running" => StatusRunning,
        "completed" => StatusCompleted,
        "failed" => StatusFailed,
        "interrupted" => StatusInterrupted,
        _ => status,
    };

    public string HealthState(string state) => state switch
    {
        IntegrationHub.Operations.ConnectorHealthStates.Healthy => HealthHealthy,
        IntegrationHub.Operations.ConnectorHealthStates.Degraded => HealthDegraded,
        IntegrationHub.Operations.ConnectorHealthStates.Failing => HealthFailing,
        IntegrationHub.Operations.ConnectorHealthStates.Stale => HealthStale,
        IntegrationHub.Operations.ConnectorHealthStates.Drifted => HealthDrifted,
        IntegrationHub.Operations.SubscriptionHealthStates.Lagging => HealthLagging,
        IntegrationHub.Operations.SubscriptionHealthStates.Disabled => HealthDisabled,
        _ => state,
    };
}
