using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IntegrationHub.Host.Hosting;

/// <summary>Builds a whole hub from settings, for programs that embed one (the benchmark, the integration tests).</summary>
public static class HubApplication
{
    /// <param name="settings">Configuration values (<c>Hub:…</c>) on top of appsettings.json.</param>
    /// <param name="minimumLevel">The lowest log level written.</param>
    /// <param name="logging">Extra logging setup, e.g. a provider that captures every line (tests searching logs for secrets).</param>
    /// <param name="services">Extra services after the hub's own, e.g. an in-memory exporter of the hub's spans.</param>
    public static WebApplication Create(IDictionary<string, string?> settings, LogLevel minimumLevel = LogLevel.Warning, Action<ILoggingBuilder>? logging = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Embedded" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(minimumLevel);
        logging?.Invoke(builder.Logging);
        builder.AddHub();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseHub();
        return app;
    }

    /// <summary>The address Kestrel really listens on (useful with port 0).</summary>
    public static Uri Address(this WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
