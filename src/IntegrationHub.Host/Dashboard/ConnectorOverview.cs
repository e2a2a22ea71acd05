using IntegrationHub.Api.Contracts;

namespace IntegrationHub.Host.Dashboard;

/// <summary>One connector on the overview: state, last success, lag, throughput of the last run, quarantine, health.</summary>
public sealed record ConnectorOverview(
    string Id,
    string Name,
    string? Department,
    bool Enabled,
    string State,
    DateTimeOffset? LastSuccessAt,
    TimeSpan? Lag,
    double? RecordsPerMinute,
    long OpenQuarantine,
    ConnectorHealth Health);
