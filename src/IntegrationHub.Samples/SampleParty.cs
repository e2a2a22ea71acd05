using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Samples;

/// <summary>行政相对人 of a sample case: USCC for organisations, ID number for natural persons.</summary>
internal sealed record SampleParty(CounterpartKind Kind, string Name, string? Uscc, string? IdNumber, string? Representative);
