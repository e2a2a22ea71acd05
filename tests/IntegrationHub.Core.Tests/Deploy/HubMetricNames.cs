using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.RegularExpressions;
using IntegrationHub.Contracts.Telemetry;

namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>
/// The hub's metrics as Prometheus shows them (docs/operations.md "Metrics"): dots become underscores, a unit of
/// seconds adds <c>_seconds</c>, a counter adds <c>_total</c>, a histogram is <c>_bucket</c>, <c>_sum</c> and <c>_count</c>.
/// </summary>
internal static partial class HubMetricNames
{
    /// <summary>One row of the metrics table of docs/operations.md.</summary>
    public sealed record Documented(string Name, string Kind, string? Unit, IReadOnlyList<string> Tags);

    public static IReadOnlyList<Documented> FromOperationsDoc()
    {
        var rows = new List<Documented>();
        var inTable = false;
        foreach (var line in File.ReadLines(RepositoryRoot.Combine("docs", "operations.md")))
        {
            if (line.StartsWith("| metric | type | tags |", StringComparison.Ordinal))
                inTable = true;
            else if (inTable && !line.StartsWith('|'))
                break;
            else if (inTable && Row().Match(line) is { Success: true } row)
            {
                var type = row.Groups["type"].Value.Split(',', StringSplitOptions.TrimEntries);
                var tags = Tag().Matches(row.Groups["tags"].Value).Select(m => m.Groups[1].Value).ToList();
                rows.Add(new Documented(row.Groups["name"].Value, type[0], type.Length > 1 ? type[1] : null, tags));
            }
        }

        return rows;
    }

    /// <summary>The counters and histograms <see cref="HubTelemetry"/> creates (the gauges are created in the host).</summary>
    public static IReadOnlyList<Instrument> Instruments() =>
        typeof(HubTelemetry).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => typeof(Instrument).IsAssignableFrom(p.PropertyType))
            .Select(p => (Instrument)p.GetValue(null)!)
            .ToList();

    /// <summary>Every series name and label name Prometheus can show for the hub's own metrics.</summary>
    public static IReadOnlySet<string> PrometheusIdentifiers()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in FromOperationsDoc())
        {
            // The unit becomes a suffix as the OpenTelemetry Prometheus exporter writes it (s → _seconds, By → _bytes).
            var baseName = metric.Name.Replace('.', '_') + metric.Unit switch { "s" => "_seconds", "bytes" => "_bytes", _ => "" };
            switch (metric.Kind)
            {
                case "counter":
                    names.Add(baseName + "_total");
                    break;
                case "histogram":
                    names.UnionWith([baseName + "_bucket", baseName + "_sum", baseName + "_count"]);
                    break;
                default:
                    names.Add(baseName);
                    break;
            }

            names.UnionWith(metric.Tags.Select(tag => tag.Replace('.', '_')));
        }

        return names;
    }

    [GeneratedRegex(@"^\| `(?<name>hub\.[a-z_.]+)` \| (?<type>[^|]+) \| (?<tags>[^|]*) \|")]
    private static partial Regex Row();

    [GeneratedRegex(@"`(hub\.[a-z_.]+)`")]
    private static partial Regex Tag();
}
