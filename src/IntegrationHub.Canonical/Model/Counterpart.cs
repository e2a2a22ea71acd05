namespace IntegrationHub.Canonical.Model;

/// <summary>行政相对人: the party the action is taken against or for.</summary>
public sealed record Counterpart
{
    public required CounterpartKind Kind { get; init; }
    public required string Name { get; init; }
    /// <summary>统一社会信用代码, for legal persons, other organisations and individual businesses.</summary>
    public string? Uscc { get; init; }
    public IdDocumentType? IdType { get; init; }
    public string? IdNumber { get; init; }
    public string? LegalRepresentative { get; init; }
}
