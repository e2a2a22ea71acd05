namespace IntegrationHub.Cli.Api;

/// <summary>When a connector runs by itself: <c>every</c> as <c>hh:mm:ss</c>, or <c>cron</c> (UTC+8), or <c>continuous</c>; none = manual.</summary>
internal sealed record ScheduleView(string? Every, string? Cron, bool Continuous = false);
