namespace IntegrationHub.Host.Apis.Responses;

/// <summary>When a connector runs by itself: <c>every</c> as <c>hh:mm:ss</c>, or <c>cron</c> (UTC+8); both null = manual.</summary>
public sealed record ScheduleView(TimeSpan? Every, string? Cron);
