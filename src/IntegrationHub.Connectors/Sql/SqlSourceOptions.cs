using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Sql;

/// <summary>The <c>source</c> section of a connector of kind <c>sql</c>.</summary>
public sealed record SqlSourceOptions(string Provider, string ConnectionString, string Table, string Key, string Watermark, int PageSize)
{
    public static SqlSourceOptions From(JsonObject source, string connectorId)
    {
        string Required(string name) => source[name]?.GetValue<string>() is { Length: > 0 } value
            ? value
            : throw new ConnectorConfigurationException(connectorId, $"source.{name}", "is required for a sql connector.");

        var provider = Required("provider");
        if (provider is not ("sqlite" or "postgres"))
            throw new ConnectorConfigurationException(connectorId, "source.provider", $"'{provider}' is not supported; use sqlite or postgres.");
        var pageSize = source["pageSize"]?.GetValue<int>() ?? 500;
        if (pageSize is < 1 or > 50_000)
            throw new ConnectorConfigurationException(connectorId, "source.pageSize", $"{pageSize} is outside 1..50000.");
        return new SqlSourceOptions(provider, Required("connectionString"), Required("table"), Required("key"), Required("watermark"), pageSize);
    }
}
