using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// The benchmark hosts the hub in its own process, so it must run the hub's runtime settings: the host's garbage
/// collector (server GC, the Web SDK's default) made records/s and peak memory differ by a third from a workstation-GC run
/// of the same code. <see cref="Mismatch"/> compares this process with the host's runtimeconfig.json copied beside it.
/// </summary>
internal static class HostRuntime
{
    /// <summary>
    /// The collector's settings the host sets in its runtimeconfig.json besides the collector itself (add one here when
    /// the host's project adds one), each with the environment variable that overrides it for this process and the host
    /// alike, so that an operator's choice is measured as such.
    /// </summary>
    private static readonly (string Property, string Variable, string Label)[] GcSettings =
    [
        ("System.GC.ConserveMemory", "DOTNET_GCConserveMemory", "conserve-memory"),
        ("System.GC.LOHThreshold", "DOTNET_GCLOHThreshold", "loh-threshold"),
    ];

    /// <summary>Machine and runtime for a figure's header line.</summary>
    public static string Description =>
        $"cores={Environment.ProcessorCount} os={RuntimeInformation.OSDescription} runtime={Environment.Version} " +
        $"gc={(GCSettings.IsServerGC ? "server" : "workstation")}{(GCSettings.IsServerGC ? "" : GCSettings.LatencyMode == GCLatencyMode.Batch ? "/non-concurrent" : "/concurrent")}" +
        string.Concat(GcSettings.Select(g => $" {g.Label}={Effective(g.Property, g.Variable) ?? "default"}"));

    /// <summary>
    /// A setting as this process runs with it, in decimal: from the environment (hexadecimal there, as the runtime reads
    /// it; marked "(env)"), else from its runtimeconfig.json.
    /// </summary>
    private static string? Effective(string property, string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? long.TryParse(value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? value[2..] : value, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var number)
                ? $"{number.ToString(CultureInfo.InvariantCulture)}(env)"
                : $"{value}(env, not a hexadecimal number)"
            : Configured(property);

    private static string? Configured(string property) => AppContext.GetData(property)?.ToString();

    /// <summary>Why this process does not run as the hub's host would, or null when it does.</summary>
    public static string? Mismatch()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Host.runtimeconfig.json");
        if (!File.Exists(path))
            return $"{path} is missing: cannot tell which garbage collector the hub's host runs with";
        var properties = JsonNode.Parse(File.ReadAllText(path))?["runtimeOptions"]?["configProperties"];
        var server = properties?["System.GC.Server"]?.GetValue<bool>() ?? false;
        foreach (var (property, variable, _) in GcSettings)
        {
            var host = properties?[property]?.ToString();
            // The environment overrides both runtimeconfig files alike, as DOTNET_gcServer below.
            if (Environment.GetEnvironmentVariable(variable) is null && host != Configured(property))
                return $"the hub's host runs with {property} {host ?? "unset"} but this benchmark with {Configured(property) ?? "unset"}: " +
                       "set the same RuntimeHostConfigurationOption in IntegrationHub.Benchmarks.csproj";
        }

        // DOTNET_gcServer in the environment overrides both runtimeconfig files alike, so an operator's choice is measured as such.
        return server == GCSettings.IsServerGC || Environment.GetEnvironmentVariable("DOTNET_gcServer") is not null
            ? null
            : $"the hub's host runs with {(server ? "server" : "workstation")} GC but this benchmark with {(GCSettings.IsServerGC ? "server" : "workstation")}: " +
              "set ServerGarbageCollection in IntegrationHub.Benchmarks.csproj to the host's, or the figures describe another program";
    }
}
