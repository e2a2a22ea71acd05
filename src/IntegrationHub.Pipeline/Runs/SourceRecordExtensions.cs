using IntegrationHub.Connectors;
using IntegrationHub.Contracts;

namespace IntegrationHub.Pipeline.Runs;

public static class SourceRecordExtensions
{
    /// <summary>A record read from a source as the bus carries it (and as preview normalizes it: the same path).</summary>
    public static RawSourceRecord ToRaw(this SourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RawSourceRecord { Payload = record.Data.ToJsonString(), Deleted = record.Deleted, Origin = record.Origin, Problem = record.Problem };
    }
}
