using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Store.Batches;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>Batches for the store writer's tests: one valid penalty case per batch, identified by its decision number.</summary>
internal static class PenaltyBatches
{
    public const string AgencyUscc = "11310000MB2F3468XK";

    public static BatchToCommit One(Guid runId, string connectorId, int sequence, string decisionNumber)
    {
        var record = new EnforcementAction
        {
            Agency = new EnforcingAgency { Name = "上海市市场监督管理局", Uscc = AgencyUscc, RegionCode = "310000" },
            Category = ActionCategory.Penalty,
            DecisionNumber = decisionNumber,
            Dates = new ActionDates { Decided = new DateOnly(2026, 3, 2) },
        };
        return new BatchToCommit
        {
            RunId = runId,
            ConnectorId = connectorId,
            Sequence = sequence,
            IsLast = false,
            ReadAt = DateTimeOffset.UnixEpoch,
            MappingVersion = 1,
            SourcePriority = 10,
            Accepted =
            [
                new AcceptedSourceRecord
                {
                    SourceKey = decisionNumber,
                    Content = CanonicalJson.Serialize(record),
                    ContentHash = CanonicalJson.ContentHash(record),
                    CaseIdentity = AgencyUscc + "|" + decisionNumber,
                    Raw = "{}",
                },
            ],
        };
    }
}
