using IntegrationHub.Contracts;
using MassTransit;

namespace IntegrationHub.Pipeline.Runs;

/// <summary>Hands the store writer's notices to the runs of this process (every process gets every notice).</summary>
public sealed class RunProgressedConsumer(RunProgress progress) : IConsumer<RunProgressed>
{
    public Task Consume(ConsumeContext<RunProgressed> context)
    {
        progress.Observe(context.Message);
        return Task.CompletedTask;
    }
}
