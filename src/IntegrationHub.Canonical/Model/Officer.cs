namespace IntegrationHub.Canonical.Model;

/// <summary>执法人员 with the number of the enforcement certificate (执法证号).</summary>
public sealed record Officer
{
    public required string Name { get; init; }
    public string? CertificateNumber { get; init; }
}
