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
    /// <summary>Machine and runtime for a figure's header line.</summary>
    public static string Description =>
        $"cores={Environment.ProcessorCount} os={RuntimeInformation.OSDescription} runtime={Environment.Version} " +
        $"gc={(GCSettings.IsServerGC ? "server" : "workstation")}{(GCSettings.IsServerGC ? "" : GCSettings.LatencyMode == GCLatencyMode.Batch ? "/non-concurrent" : "/concurrent")}" +
        $" conserve-memory={ConserveMemory ?? "0"}";

    /// <summary>The collector's <c>ConserveMemory</c> level this process runs with (environment first, as the runtime reads it).</summary>
    private static string? ConserveMemory => Environment.GetEnvironmentVariable("DOTNET_GCConserveMemory") ?? ConfiguredConserveMemory;

    private static string? ConfiguredConserveMemory => AppContext.GetData("System.GC.ConserveMemory")?.ToString();

    /// <summary>Why this process does not run as the hub's host would, or null when it does.</summary>
    public static string? Mismatch()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "IntegrationHub.Host.runtimeconfig.json");
        if (!File.Exists(path))
            return $"{path} is missing: cannot tell which garbage collector the hub's host runs with";
        var properties = JsonNode.Parse(File.ReadAllText(path))?["runtimeOptions"]?["configProperties"];
        var server = properties?["System.GC.Server"]?.GetValue<bool>() ?? false;
        var conserve = properties?["System.GC.ConserveMemory"]?.ToString();
        // DOTNET_GCConserveMemory in the environment overrides both runtimeconfig files alike, as DOTNET_gcServer below.
        if (Environment.GetEnvironmentVariable("DOTNET_GCConserveMemory") is null && conserve != ConfiguredConserveMemory)
            return $"the hub's host runs with System.GC.ConserveMemory {conserve ?? "unset"} but this benchmark with {ConfiguredConserveMemory ?? "unset"}: " +
                   "set the same RuntimeHostConfigurationOption in IntegrationHub.Benchmarks.csproj";
        // DOTNET_gcServer in the environment overrides both runtimeconfig files alike, so an operator's choice is measured as such.
        return server == GCSettings.IsServerGC || Environment.GetEnvironmentVariable("DOTNET_gcServer") is not null
            ? null
            : $"the hub's host runs with {(server ? "server" : "workstation")} GC but this benchmark with {(GCSettings.IsServerGC ? "server" : "workstation")}: " +
              "set ServerGarbageCollection in IntegrationHub.Benchmarks.csproj to the host's, or the figures describe another program";
    }
}
