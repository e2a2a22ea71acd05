using System.Reflection;
using IntegrationHub.Host.Audit;
using IntegrationHub.Host.Configuration;
using Microsoft.Extensions.Hosting;

namespace IntegrationHub.Integration.Tests.Architecture;

/// <summary>
/// docs/architecture.md, "Small rooms": the host holds hosting, endpoints and pages; the background work of an area —
/// the health monitor, the feed retention, the connector catalog's reload, delivery, the scheduler — lives in that
/// area's project, so the host's own hosted services only prepare the process (store, keys, samples) and hold its leases.
/// </summary>
public sealed class HostLayoutTests
{
    private static readonly string[] HostingServices = ["AdminKeyBootstrapper", "LeaseRenewal", "SampleSourcesBootstrapper", "StoreMigrator"];

    [Fact]
    public void TheHost_RunsNoBackgroundWorkOfAnArea_OnlyItsStartAndItsLeases()
    {
        var hosted = typeof(HubOptions).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IHostedService).IsAssignableFrom(t))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(HostingServices, hosted);
    }

    /// <summary>
    /// One audit mechanism: a use case records its own action, an endpoint that is no use case declares its action with
    /// <c>.Audited(…)</c>. No endpoint handler or dashboard page takes the audit log to record by itself.
    /// </summary>
    [Fact]
    public void NoEndpointOrPage_TakesTheAuditLog_TheUseCasesAndTheAuditedFilterRecord()
    {
        var adapters = typeof(HubOptions).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns.StartsWith("IntegrationHub.Host.Apis", StringComparison.Ordinal) || ns.StartsWith("IntegrationHub.Host.Dashboard", StringComparison.Ordinal)));
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var taking = adapters
            .SelectMany(t => t.GetMethods(All).Cast<MethodBase>().Concat(t.GetConstructors(All)).Select(m => (Type: t, Method: m)))
            .Where(m => m.Method.GetParameters().Any(p => p.ParameterType == typeof(IAuditLog)))
            .Select(m => $"{m.Type.FullName}.{m.Method.Name}")
            .Distinct();

        Assert.Empty(taking);
    }

    [Theory]
    [InlineData("IntegrationHub.Operations", "IntegrationHub.Operations.HealthMonitor")]
    [InlineData("IntegrationHub.Feeds.Delivery", "IntegrationHub.Feeds.Delivery.FeedRetentionWorker")]
    [InlineData("IntegrationHub.Feeds.Delivery", "IntegrationHub.Feeds.Delivery.DeliveryService")]
    [InlineData("IntegrationHub.Pipeline", "IntegrationHub.Pipeline.Catalog.ConnectorCatalogRefresher")]
    [InlineData("IntegrationHub.Pipeline", "IntegrationHub.Pipeline.Runs.SyncScheduler")]
    [InlineData("IntegrationHub.Reporting", "IntegrationHub.Reporting.Assessments.AssessmentProjectorService")]
    public void AnAreasBackgroundService_LivesInItsAreasProject(string project, string service)
    {
        var type = Assembly.Load(project).GetType(service, throwOnError: false);

        Assert.NotNull(type);
        Assert.True(typeof(IHostedService).IsAssignableFrom(type), $"{service} is no hosted service");
    }
}
