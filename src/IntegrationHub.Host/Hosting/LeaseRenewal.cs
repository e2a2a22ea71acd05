using IntegrationHub.Store.Leases;

namespace IntegrationHub.Host.Hosting;

/// <summary>Renews this process's leases every third of their duration, and gives them up when the process stops.</summary>
public sealed class LeaseRenewal(LeaseKeeper leases, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(leases.Duration / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await leases.RenewAllAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // Another worker may take over at once instead of after the leases' expiry.
        await leases.ReleaseAllAsync(cancellationToken).ConfigureAwait(false);
    }
}
