using IntegrationHub.Store.Model;

namespace IntegrationHub.Pipeline.Runs;

/// <summary>How far a run is stored: the highest sequence stored without a gap (-1: none), its status and error.</summary>
public sealed record RunState(int StoredThrough, RunStatus Status, string? Error)
{
    public bool IsRunning => Status == RunStatus.Running;
}
