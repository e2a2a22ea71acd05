using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IntegrationHub.Host.Hosting;

/// <summary>Builds a whole hub from settings, for programs that embed one (the benchmark, the integration tests).</summary>
public static class HubApplication
{
    public static WebApplication Create(IDictionary<string, string?> settings, LogLevel minimumLevel = LogLevel.Warning)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Embedded" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.AddHub();
        var app = builder.Build();
        app.UseHub();
        return app;
    }

    /// <summary>The address Kestrel really listens on (useful with port 0).</summary>
    public static Uri Address(this WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
