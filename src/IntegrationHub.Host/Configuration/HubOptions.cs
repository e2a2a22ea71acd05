using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Host.Configuration;

/// <summary>
/// The <c>Hub</c> section of the configuration (appsettings.json or <c>Hub__…</c> environment variables): what the host
/// itself reads. The sections an area reads are bound, and validated at start, to that area's own options type:
/// <c>Hub:Sync</c> (<c>Pipeline/SyncOptions</c>), <c>Hub:Feed</c> (<c>Feeds.Delivery/FeedOptions</c>), <c>Hub:Health</c>
/// and <c>Hub:Alerts</c> (<c>Operations/HealthOptions</c>, <c>AlertOptions</c>); README.md "Configuration" lists every
/// setting.
/// </summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>Holds the SQLite file, the admin key and the sample sources. Default <c>./data</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Which parts this process runs: <c>api</c>, <c>worker</c> or both (comma-separated). Default both.</summary>
    [Required]
    public string Roles { get; set; } = "api,worker";

    /// <summary>Folder of connector definitions (<c>*.connector.json</c>). Default <c>./connectors</c>.</summary>
    [Required]
    public string ConnectorsDirectory { get; set; } = "connectors";

    /// <summary>How often a hub process reloads the connectors registered through the API (by any process). Default 15 s.</summary>
    public TimeSpan ConnectorRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Where the Data Protection key ring that encrypts connector secrets lives. Default <c>{DataDirectory}/keys</c>;
    /// hub processes that share a store must share this folder.</summary>
    public string? KeysDirectory { get; set; }

    /// <summary>Generate the bundled sample departments' source databases under <c>{DataDirectory}/samples</c> on start.</summary>
    public bool Samples { get; set; } = true;

    /// <summary>How many cases each sample department holds when its database is generated.</summary>
    [Range(1, 10_000_000)]
    public int SampleCasesPerDepartment { get; set; } = 2_000;

    public StoreOptions Store { get; set; } = new();

    public BusOptions Bus { get; set; } = new();

    public LeaseOptions Leases { get; set; } = new();

    /// <summary>The folder of the hub's keys: the Data Protection key ring and the identifier-token secret.</summary>
    public string KeysPath() => Path.GetFullPath(KeysDirectory ?? DataPath("keys"));

    public TelemetryOptions Telemetry { get; set; } = new();

    /// <summary>The reverse proxies in front of the hub whose forwarded headers are believed.</summary>
    public ProxyOptions Proxy { get; set; } = new();

    public string DataPath(params string[] parts) => Path.GetFullPath(Path.Combine([DataDirectory, .. parts]));

    public bool HasRole(string role) =>
        Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(role, StringComparer.OrdinalIgnoreCase);
}
