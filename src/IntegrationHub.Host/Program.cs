using IntegrationHub.Host.Hosting;
using IntegrationHub.Host.Maintenance;

// backup / restore: operator commands on the hub's configuration (docs/backup.md); everything else starts the hub.
if (MaintenanceCommand.Handles(args))
    return await MaintenanceCommand.RunAsync(args, Console.Out, Console.Error);

// appsettings.json travels with the binary; relative data and connector paths resolve from the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddHub();

var app = builder.Build();
app.UseHub();
app.Run();
return 0;

/// <summary>The entry point, visible to tests that start the hub in-process.</summary>
public partial class Program;
