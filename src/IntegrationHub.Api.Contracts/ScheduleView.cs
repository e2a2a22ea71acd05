namespace IntegrationHub.Api.Contracts;

/// <summary>
/// When a connector runs by itself: <c>every</c> as <c>hh:mm:ss</c>, or <c>cron</c> (UTC+8), or <c>continuous</c> (the next
/// run as soon as one ends); none of them = manual.
/// </summary>
public sealed record ScheduleView(TimeSpan? Every, string? Cron, bool Continuous = false);
