using IntegrationHub.Host.Configuration;
using IntegrationHub.Samples;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Hosting;

/// <summary>
/// The embedded default's simulated departments: creates their source databases under <c>{data}/samples</c> once, so the
/// bundled sample connectors have something to read on a fresh machine.
/// </summary>
internal sealed partial class SampleSourcesBootstrapper(IOptions<HubOptions> options, ILogger<SampleSourcesBootstrapper> logger) : IHostedService
{
    public const int Seed = 20_240_501;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var hub = options.Value;
        var summary = await SampleDatabases.EnsureSqliteAsync(hub.DataPath("samples"), hub.SampleCasesPerDepartment, Seed, cancellationToken).ConfigureAwait(false);
        LogReady(logger, hub.DataPath("samples"), summary.ToString());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample department sources are ready in {Directory}: {Summary}")]
    private static partial void LogReady(ILogger logger, string directory, string summary);
}
