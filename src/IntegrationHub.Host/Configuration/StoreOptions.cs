namespace IntegrationHub.Host.Configuration;

public sealed class StoreOptions
{
    /// <summary><c>sqlite</c> (default, a file in the data directory) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>For postgres: an Npgsql connection string. For sqlite: optional, defaults to <c>{DataDirectory}/hub.db</c>.</summary>
    public string? ConnectionString { get; set; }
}
