namespace IntegrationHub.Cli.Api;

/// <summary>The replays the hub started, one per connector with selected entries.</summary>
internal sealed record QuarantineReplayAccepted(QuarantineReplayStarted[] Replays);
