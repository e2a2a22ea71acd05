using IntegrationHub.Contracts;
using MassTransit;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Pipeline.Runs;

/// <summary>Starts a requested run on this worker; the run itself goes on in the background.</summary>
public sealed class RunConnectorConsumer(ConnectorRunner runner, IHostApplicationLifetime lifetime) : IConsumer<RunConnector>
{
    public Task Consume(ConsumeContext<RunConnector> context)
    {
        var message = context.Message;
        if (message.Backfill)
            runner.TryStartBackfill(message.ConnectorId, lifetime.ApplicationStopping);
        else
            runner.TryStart(message.ConnectorId, message.Trigger, lifetime.ApplicationStopping, queueIfBusy: RunTriggers.QueuesBehindALocalRun(message.Trigger));
        return Task.CompletedTask;
    }
}
