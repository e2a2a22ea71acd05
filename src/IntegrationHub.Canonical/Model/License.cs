namespace IntegrationHub.Canonical.Model;

/// <summary>The licensing part of a 行政许可 decision (双公示 XK_*).</summary>
public sealed record License
{
    public LicenseType? Type { get; init; }
    public string? DocumentName { get; init; }
    public string? CertificateName { get; init; }
    public string? LicenseNumber { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
}
