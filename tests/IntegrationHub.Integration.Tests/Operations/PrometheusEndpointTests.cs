using System.Net;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Operations;

public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task WhenSwitchedOn_MetricsServesTheRecordCountsPerConnector_AndWhenOffItIsNotThere()
    {
        var department = SampleDepartment.MarketRegulation;
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 20);
        await using (var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory, new Dictionary<string, string?> { ["Hub:Telemetry:Prometheus"] = "true" }))
        {
            await hub.RunAsync(department.Id);
            using var scraper = new HttpClient { BaseAddress = hub.Address };

            var metrics = await scraper.GetStringAsync("/metrics");

            Assert.Contains($"hub_records_pulled_total{{", metrics, StringComparison.Ordinal);
            Assert.Contains($"hub_connector=\"{department.Id}\"", metrics, StringComparison.Ordinal);
            Assert.Contains("hub_run_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
        }

        await using (var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory))
        {
            using var scraper = new HttpClient { BaseAddress = hub.Address };
            Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync("/metrics")).StatusCode);
        }
    }
}
