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
            // A scheduled run of a connector running here already is not queued behind it: the schedule asks again.
            runner.TryStart(message.ConnectorId, message.Trigger, lifetime.ApplicationStopping, queueIfBusy: message.Trigger is not ("schedule" or "resume"));
        return Task.CompletedTask;
    }
}
