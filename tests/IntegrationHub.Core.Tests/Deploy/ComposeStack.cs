using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>deploy/compose/compose.yaml as JSON (anchors and merge keys resolved), and what lies beside it.</summary>
internal static class ComposeStack
{
    /// <summary>The services that run the hub's image.</summary>
    public static readonly string[] HubServices = ["api", "worker"];

    private static readonly Lazy<JsonObject> Loaded = new(() => YamlJson.LoadFile(Path("compose.yaml"))!.AsObject());

    public static JsonObject File => Loaded.Value;

    public static string Path(params string[] relative) => RepositoryRoot.Combine(["deploy", "compose", .. relative]);

    public static JsonObject Service(string name) => File["services"]![name]!.AsObject();

    public static IEnumerable<string> ServiceNames => File["services"]!.AsObject().Select(s => s.Key);

    /// <summary>A service's environment as name → value (the map form; the file uses no list form).</summary>
    public static IReadOnlyDictionary<string, string?> Environment(string service) =>
        Service(service)["environment"] is JsonObject environment
            ? environment.ToDictionary(e => e.Key, e => e.Value?.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string?>();

    /// <summary>A service's volumes in short syntax, as (source, target).</summary>
    public static IEnumerable<(string Source, string Target)> Volumes(string service) =>
        (Service(service)["volumes"]?.AsArray() ?? [])
            .Select(v => v!.GetValue<string>().Split(':'))
            .Select(parts => (parts[0], parts[1]));

    /// <summary>Names a service lists under <paramref name="key"/> (secrets, configs), in short or long syntax.</summary>
    public static IEnumerable<string> References(string service, string key) =>
        (Service(service)[key]?.AsArray() ?? [])
            .Select(item => item is JsonObject longSyntax ? longSyntax["source"]!.GetValue<string>() : item!.GetValue<string>());
}
