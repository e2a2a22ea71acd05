namespace IntegrationHub.Samples;

/// <summary>执法人员 and the number of the enforcement certificate.</summary>
internal sealed record SampleOfficer(string Name, string CertificateNumber);
