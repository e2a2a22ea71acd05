using IntegrationHub.Contracts;
using MassTransit;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Pipeline.Runs;

/// <summary>Starts a requested run on this worker; the run itself goes on in the background.</summary>
public sealed class RunConnectorConsumer(ConnectorRunner runner, IHostApplicationLifetime lifetime) : IConsumer<RunConnector>
{
    public Task Consume(ConsumeContext<RunConnector> context)
    {
        if (context.Message.Backfill)
            runner.TryStartBackfill(context.Message.ConnectorId, lifetime.ApplicationStopping);
        else
            runner.TryStart(context.Message.ConnectorId, context.Message.Trigger, lifetime.ApplicationStopping);
        return Task.CompletedTask;
    }
}
