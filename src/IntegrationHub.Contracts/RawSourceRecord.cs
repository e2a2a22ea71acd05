namespace IntegrationHub.Contracts;

/// <summary>One record as the source system holds it: a JSON object of its own field names and values.</summary>
public sealed record RawSourceRecord
{
    public required string Payload { get; init; }

    /// <summary>The source deleted this record (a staging table's <c>d</c> operation): only its source key counts.</summary>
    public bool Deleted { get; init; }

    /// <summary>Where in the source the record is (<c>cases.csv row 17</c>).</summary>
    public string? Origin { get; init; }

    /// <summary>Why the connector could not read this part of the source as a record: it is quarantined with this reason.</summary>
    public string? Problem { get; init; }
}
