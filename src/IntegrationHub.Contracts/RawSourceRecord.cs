namespace IntegrationHub.Contracts;

/// <summary>One record as the source system holds it: a JSON object of its own field names and values.</summary>
public sealed record RawSourceRecord
{
    public required string Payload { get; init; }

    /// <summary>The source deleted this record (a staging table's <c>d</c> operation): only its source key counts.</summary>
    public bool Deleted { get; init; }
}
