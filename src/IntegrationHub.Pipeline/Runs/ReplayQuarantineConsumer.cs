using IntegrationHub.Contracts;
using IntegrationHub.Store.Model;
using MassTransit;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Pipeline.Runs;

/// <summary>Starts a quarantine replay on this worker; it runs like any other run, in the background.</summary>
public sealed class ReplayQuarantineConsumer(ConnectorRunner runner, IHostApplicationLifetime lifetime) : IConsumer<ReplayQuarantine>
{
    public Task Consume(ConsumeContext<ReplayQuarantine> context)
    {
        var message = context.Message;
        runner.TryStartReplay(message.ConnectorId, new QuarantineQuery
        {
            Ids = message.EntryIds,
            Rule = message.Rule,
            Since = message.Since,
            Until = message.Until,
        }, lifetime.ApplicationStopping);
        return Task.CompletedTask;
    }
}
