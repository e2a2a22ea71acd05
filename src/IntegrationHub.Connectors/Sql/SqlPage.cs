namespace IntegrationHub.Connectors.Sql;

/// <summary>The records of one page and the position after its last row (the given position when the page is empty).</summary>
internal sealed record SqlPage(IReadOnlyList<SourceRecord> Records, KeysetCheckpoint? Position);
