using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>
/// The Compose stack's monitoring fits together: the hub exports to the collector, Prometheus scrapes the collector,
/// Grafana reads Prometheus, and every hub metric the dashboard and the alert rules query is one the hub exports.
/// </summary>
public sealed partial class MonitoringConfigTests
{
    // Series that are not the hub's own: the collector's resource info, and ASP.NET Core's request duration.
    private static readonly string[] OtherSeries = ["target_info", "http_server_request_duration_seconds_count"];

    private static JsonObject Dashboard => JsonNode.Parse(File.ReadAllText(ComposeStack.Path("grafana", "dashboards", "integration-hub.json")))!.AsObject();

    private static JsonObject Yaml(params string[] path) => YamlJson.LoadFile(ComposeStack.Path(path))!.AsObject();

    private static IEnumerable<string> DashboardQueries()
    {
        var dashboard = Dashboard;
        foreach (var panel in dashboard["panels"]!.AsArray())
        {
            foreach (var target in panel!["targets"]?.AsArray() ?? [])
                yield return target!["expr"]!.GetValue<string>();
        }

        foreach (var variable in dashboard["templating"]!["list"]!.AsArray())
            yield return variable!["query"]!["query"]!.GetValue<string>();
    }

    private static IEnumerable<string> AlertExpressions() =>
        Yaml("prometheus", "alerts.yml")["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray())
            .Select(r => r!["expr"]!.GetValue<string>());

    [Fact]
    public void TheMetricsTableOfTheOperationsDoc_ListsEveryInstrumentOfHubTelemetry_WithItsKindAndUnit()
    {
        var documented = HubMetricNames.FromOperationsDoc().ToDictionary(m => m.Name, StringComparer.Ordinal);

        Assert.Contains("hub.connector.health", documented.Keys);
        foreach (var instrument in HubMetricNames.Instruments())
        {
            Assert.True(documented.TryGetValue(instrument.Name, out var row), $"{instrument.Name} is not in docs/operations.md");
            Assert.Equal(instrument.GetType().GetGenericTypeDefinition() == typeof(Counter<>) ? "counter" : "histogram", row.Kind);
            Assert.Equal(instrument.Unit == "s" ? "s" : null, row.Unit);
        }
    }

    [Fact]
    public void EveryHubSeriesAndLabel_TheDashboardAndTheAlertRulesQuery_IsOneTheHubExports()
    {
        var exported = HubMetricNames.PrometheusIdentifiers();
        var queries = DashboardQueries().Concat(AlertExpressions()).ToList();

        var unknown = queries.SelectMany(q => HubIdentifier().Matches(q).Select(m => m.Value)).Where(name => !exported.Contains(name)).Distinct().ToList();
        var used = queries.SelectMany(q => SeriesName().Matches(q).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(unknown);
        Assert.Contains("hub_records_pulled_total", used);
        Assert.Contains("hub_connector_health", used);
        Assert.Contains("hub_feed_backlog", used);
        Assert.DoesNotContain(used, name => !name.StartsWith("hub_", StringComparison.Ordinal) && !OtherSeries.Contains(name)
            && !PromQlWord().IsMatch(name));
    }

    [Fact]
    public void TheIdentifierCheck_CatchesAMisspeltMetric()
    {
        var exported = HubMetricNames.PrometheusIdentifiers();

        Assert.Contains("hub_run_duration_seconds_bucket", exported);
        Assert.DoesNotContain("hub_records_pulled", exported);  // a counter is hub_records_pulled_total
        Assert.DoesNotContain("hub_run_duration_bucket", exported);
    }

    [Fact]
    public void TheDashboard_UsesTheProvisionedDataSource_AndGrafanaLoadsItFromTheMountedFolder()
    {
        var datasource = Yaml("grafana", "provisioning", "datasources", "prometheus.yaml")["datasources"]![0]!;
        var uid = datasource["uid"]!.GetValue<string>();
        var panels = Dashboard["panels"]!.AsArray().Where(p => p!["type"]!.GetValue<string>() != "row").ToList();

        Assert.Equal("http://prometheus:9090", datasource["url"]!.GetValue<string>());
        Assert.NotEmpty(panels);
        Assert.All(panels, p => Assert.Equal(uid, p!["datasource"]!["uid"]!.GetValue<string>()));
        Assert.All(panels.SelectMany(p => p!["targets"]!.AsArray()), t => Assert.Equal(uid, t!["datasource"]!["uid"]!.GetValue<string>()));

        var provider = Yaml("grafana", "provisioning", "dashboards", "integration-hub.yaml")["providers"]![0]!;
        Assert.Contains(("./grafana/dashboards", provider["options"]!["path"]!.GetValue<string>()), ComposeStack.Volumes("grafana"));
        Assert.Contains(("./grafana/provisioning", "/etc/grafana/provisioning"), ComposeStack.Volumes("grafana"));
    }

    [Fact]
    public void TheHubExportsToTheCollector_WhichPrometheusScrapes_WithTheRulesItMounts()
    {
        var collector = Yaml("otel-collector", "config.yaml");
        var grpc = collector["receivers"]!["otlp"]!["protocols"]!["grpc"]!["endpoint"]!.GetValue<string>();
        var exporterPort = collector["exporters"]!["prometheus"]!["endpoint"]!.GetValue<string>().Split(':')[^1];
        var prometheus = Yaml("prometheus", "prometheus.yml");

        foreach (var service in ComposeStack.HubServices)
            Assert.Equal($"http://otel-collector:{grpc.Split(':')[^1]}", ComposeStack.Environment(service)["Hub__Telemetry__OtlpEndpoint"]);
        Assert.Equal($"otel-collector:{exporterPort}", prometheus["scrape_configs"]![0]!["static_configs"]![0]!["targets"]![0]!.GetValue<string>());
        Assert.Contains(("./otel-collector/config.yaml", "/etc/otelcol/config.yaml"), ComposeStack.Volumes("otel-collector"));
        foreach (var rules in prometheus["rule_files"]!.AsArray())
            Assert.Contains(ComposeStack.Volumes("prometheus"), v => v.Target == rules!.GetValue<string>() && File.Exists(ComposeStack.Path(v.Source)));
    }

    [Fact]
    public void EveryCollectorPipeline_UsesOnlyComponentsItDefines()
    {
        var collector = Yaml("otel-collector", "config.yaml");

        foreach (var (name, pipeline) in collector["service"]!["pipelines"]!.AsObject())
        {
            foreach (var kind in new[] { "receivers", "processors", "exporters" })
            {
                foreach (var component in pipeline![kind]?.AsArray() ?? [])
                    Assert.True(collector[kind]!.AsObject().ContainsKey(component!.GetValue<string>()), $"pipeline {name}: {kind} {component} is not defined");
            }
        }
    }

    [GeneratedRegex(@"\bhub_[a-z_]+\b")]
    private static partial Regex HubIdentifier();

    // A name right before a selector or a range: the series a query reads.
    [GeneratedRegex(@"\b[a-z_][a-z0-9_]*(?=\s*[{\[])")]
    private static partial Regex SeriesName();

    [GeneratedRegex("^(by|without|on|ignoring|rate|sum|max|min|count|histogram_quantile|label_values)$")]
    private static partial Regex PromQlWord();
}
