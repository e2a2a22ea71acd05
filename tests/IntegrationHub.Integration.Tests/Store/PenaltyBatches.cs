using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Store.Batches;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>Batches for the store writer's tests: valid penalty cases of one agency, each identified by its decision number.</summary>
internal static class PenaltyBatches
{
    public const string AgencyUscc = "11310000MB2F3468XK";

    /// <summary>A batch of one accepted case.</summary>
    public static BatchToCommit One(Guid runId, string connectorId, int sequence, string decisionNumber) =>
        Batch(runId, connectorId, sequence, Accepted(decisionNumber));

    /// <summary>The case as its source's record, decided on <paramref name="decided"/> (2 March 2026 unless said).</summary>
    public static AcceptedSourceRecord Accepted(string decisionNumber, DateOnly? decided = null, string? inputHash = null)
    {
        var record = new EnforcementAction
        {
            Agency = new EnforcingAgency { Name = "上海市市场监督管理局", Uscc = AgencyUscc, RegionCode = "310000" },
            Category = ActionCategory.Penalty,
            DecisionNumber = decisionNumber,
            Dates = new ActionDates { Decided = decided ?? new DateOnly(2026, 3, 2) },
        };
        return new AcceptedSourceRecord
        {
            SourceKey = decisionNumber,
            Content = CanonicalJson.Serialize(record),
            ContentHash = CanonicalJson.ContentHash(record),
            CaseIdentity = AgencyUscc + "|" + decisionNumber,
            Raw = "{}",
            InputHash = inputHash,
        };
    }

    public static BatchToCommit Batch(Guid runId, string connectorId, int sequence, params AcceptedSourceRecord[] accepted) => new()
    {
        RunId = runId,
        ConnectorId = connectorId,
        Sequence = sequence,
        IsLast = false,
        ReadAt = DateTimeOffset.UnixEpoch,
        MappingVersion = 1,
        SourcePriority = 10,
        Accepted = accepted,
    };
}
