namespace IntegrationHub.Contracts;

/// <summary>Event: a connector read one page of records from its source. Carries hundreds of records, not one.</summary>
public sealed record SourceRecordsRead
{
    public required BatchHeader Batch { get; init; }
    public required IReadOnlyList<RawSourceRecord> Records { get; init; }
}
