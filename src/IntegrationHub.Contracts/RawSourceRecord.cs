namespace IntegrationHub.Contracts;

/// <summary>One record as the source system holds it: a JSON object of its own field names and values.</summary>
public sealed record RawSourceRecord
{
    public required string Payload { get; init; }
}
