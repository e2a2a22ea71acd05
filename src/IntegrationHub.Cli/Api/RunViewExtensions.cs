using IntegrationHub.Api.Contracts;

namespace IntegrationHub.Cli.Api;

/// <summary>What the tool asks of a run beyond its wire fields.</summary>
internal static class RunViewExtensions
{
    extension(RunView run)
    {
        public bool IsRunning => run.Status == RunStatuses.Running;
    }
}
