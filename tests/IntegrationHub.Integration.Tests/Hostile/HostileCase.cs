using System.Text.Json.Nodes;

namespace IntegrationHub.Integration.Tests.Hostile;

/// <summary>One case of the hostile-input corpus (tests/hostile-input/manifest.json): an input for one source kind and its expected outcome.</summary>
public sealed record HostileCase(string Id, string Source, JsonObject Input, string Expect, IReadOnlyList<string> Reasons, JsonObject Case)
{
    public override string ToString() => Id;
}

/// <summary>What became of a case: read (records stored as they are), quarantined (records with problems), or refused as a whole.</summary>
public sealed record HostileOutcome(string Kind, string Text, IReadOnlyList<JsonObject> Records, int? Status = null)
{
    public static HostileOutcome Refused(string reason, int? status = null) => new("refused", reason, [], status);

    public static HostileOutcome FromRecords(IReadOnlyList<IntegrationHub.Connectors.SourceRecord> records) =>
        records.Any(r => r.Problem is not null)
            ? new("quarantined", string.Join("\n", records.Where(r => r.Problem is not null).Select(r => r.Problem)), [.. records.Select(r => r.Data)])
            : new("read", "", [.. records.Select(r => r.Data)]);
}
