using IntegrationHub.Contracts;
using IntegrationHub.Feeds;
using MassTransit;

namespace IntegrationHub.Host.Subscriptions;

/// <summary>
/// Turns the store writer's notice after each commit into a <see cref="ChangeLogSignal"/> in this process: the pull
/// feed's long-poll answers and the pushed channels deliver at once. Every process hears it, api-only ones too.
/// </summary>
public sealed class ChangeLogSignalConsumer(ChangeLogSignal signal) : IConsumer<RunProgressed>
{
    public Task Consume(ConsumeContext<RunProgressed> context)
    {
        signal.Notify();
        return Task.CompletedTask;
    }
}
