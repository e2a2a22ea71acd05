namespace IntegrationHub.Host.Configuration;

/// <summary>The <c>Hub:Telemetry</c> section: where traces, metrics and logs go besides the log output.</summary>
public sealed class TelemetryOptions
{
    /// <summary>OTLP endpoint of an OpenTelemetry collector (e.g. <c>http://collector:4317</c>); unset = no export.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Serve the Prometheus scrape endpoint <c>/metrics</c>. It is unauthenticated: expose it on an internal port only.</summary>
    public bool Prometheus { get; set; }

    /// <summary>When set, <c>/metrics</c> answers only requests that arrive on this local port (add it to <c>Hub:Urls</c>).</summary>
    public int? PrometheusPort { get; set; }
}
