namespace IntegrationHub.Canonical.Model;

public enum RecordingKind
{
    Text,
    AudioVideo,
}
