using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntegrationHub.Host.Hosting;

/// <summary>The body of <c>/health/ready</c>: the overall status and each check (store, bus) with its status and description.</summary>
internal static class ReadinessReport
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
