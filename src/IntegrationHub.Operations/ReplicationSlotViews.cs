using IntegrationHub.Api.Contracts;
using IntegrationHub.Connectors;

namespace IntegrationHub.Operations;

/// <summary>A connector's replication slot, as its health shows it on the API (the one factory beside <c>Host/Apis/Responses/ContractViews</c>, because the health is built here).</summary>
public static class ReplicationSlotViews
{
    extension(ReplicationSlotView)
    {
        public static ReplicationSlotView? From(ReplicationSlotState? slot) => slot is null
            ? null
            : new ReplicationSlotView
            {
                Slot = slot.Slot,
                Source = slot.Source,
                Exists = slot.Exists,
                Active = slot.Active,
                RetainedWalBytes = slot.RetainedWalBytes,
                LagBytes = slot.LagBytes,
                WalStatus = slot.WalStatus,
                Error = slot.Error,
            };
    }
}
