using IntegrationHub.Host.Hosting;

// appsettings.json travels with the binary; relative data and connector paths resolve from the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddHub();

var app = builder.Build();
app.UseHub();
app.Run();

/// <summary>The entry point, visible to tests that start the hub in-process.</summary>
public partial class Program;
