namespace IntegrationHub.Connectors.Files;

/// <summary>
/// When a dropped file is complete enough to read. With a <see cref="MarkerSuffix"/>, only when the marker file
/// (<c>cases.csv.done</c>) exists; otherwise when it has not been written to for <see cref="Settle"/>.
/// </summary>
public sealed record FileReadiness(string? MarkerSuffix, TimeSpan Settle)
{
    public static readonly TimeSpan DefaultSettle = TimeSpan.FromSeconds(5);
}
