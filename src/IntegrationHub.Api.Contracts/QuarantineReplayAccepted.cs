namespace IntegrationHub.Api.Contracts;

/// <summary>The replays started: per connector, how many open entries were selected, and where its runs are listed.</summary>
public sealed record QuarantineReplayAccepted(IReadOnlyList<QuarantineReplayStarted> Replays);
