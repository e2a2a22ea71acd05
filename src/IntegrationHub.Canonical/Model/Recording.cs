namespace IntegrationHub.Canonical.Model;

/// <summary>An artefact of 执法全过程记录: a written record or an audio-video recording.</summary>
public sealed record Recording
{
    public required RecordingKind Kind { get; init; }
    public string? Stage { get; init; }
    public string? Uri { get; init; }
    public string? Sha256 { get; init; }
    public DateTimeOffset? Time { get; init; }
}
