using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Samples;

/// <summary>
/// A kind of violation the samples produce: its 违法行为 text, facts templates, legal basis, fine range and the parties
/// it concerns. Facts placeholders: {date} {place} {item} {extra} {qty} {value} {gains} {conc}.
/// </summary>
internal sealed record SampleViolation(
    string Type,
    IReadOnlyList<string> Facts,
    IReadOnlyList<string> LegalBasis,
    decimal MinFine,
    decimal MaxFine,
    IReadOnlyList<CounterpartKind> Parties,
    IReadOnlyList<string> Items)
{
    public IReadOnlyList<string> Extras { get; init; } = [""];

    /// <summary>Fine range for natural persons where the law sets a lower one; 0 means the general range.</summary>
    public decimal PersonMinFine { get; init; }
    public decimal PersonMaxFine { get; init; }

    /// <summary>Minor cases may end with a warning alone (简易程序).</summary>
    public bool WarningOnlyAllowed { get; init; }

    /// <summary>Illegal gains may be confiscated.</summary>
    public bool HasGains { get; init; }

    /// <summary>Further penalties and their probability.</summary>
    public IReadOnlyList<(PenaltyType Type, double Probability)> ExtraPenalties { get; init; } = [];
}
